# 3.5 경사 계산: loss.backward()로 W와 B의 경사를 구한다

# --8<-- [start:backward]
# 경사 계산: 계산 그래프를 거슬러 올라가며 모든 점에서 미분 값을 구한다
loss.backward()
# 같은 그래프로 backward()를 한 번 더 부르려면 처음부터 loss.backward(retain_graph=True)로 부른다
# --8<-- [end:backward]

# --8<-- [start:grad]
# 경사값 확인
print(W.grad)  # W = 1, B = 1에서 손실을 W로 편미분한 값
print(B.grad)  # 같은 지점에서 손실을 B로 편미분한 값
# --8<-- [end:grad]

# --8<-- [start:check]
# 편미분 공식으로 직접 계산해 자동 미분의 결과와 비교
with torch.no_grad():
    dW = 2 * ((Yp - Y) * X).mean()
    dB = 2 * (Yp - Y).mean()
print(f'W.grad = {W.grad.item():.4f}   2*mean((Yp-Y)*X) = {dW.item():.4f}')
print(f'B.grad = {B.grad.item():.4f}   2*mean(Yp-Y)     = {dB.item():.4f}')
# --8<-- [end:check]
