# 3.5 경사 계산: loss.backward()로 W와 B의 경사를 구한다

# --8<-- [start:backward]
# 경사 계산: 계산 그래프를 거슬러 올라가며 모든 점에서 미분 값을 구한다
loss.backward()
# 같은 그래프로 backward()를 두 번 부르려면
# 첫 호출을 loss.backward(retain_graph=True)로 한다
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

# --8<-- [start:by-hand]
# PyTorch 없이 NumPy로 한 사람씩 계산: 오차 e = W X + B - Y (W = 1, B = 1)
Xn, Yn = X.numpy(), Y.numpy()
e = 1.0 * Xn + 1.0 - Yn
print('e     =', e.round(4))
print('2*e*X =', (2 * e * Xn).round(4))
print('2*e   =', (2 * e).round(4))
print(f'mean(2*e*X) = {(2 * e * Xn).mean():.4f}   W.grad = {W.grad.item():.4f}')
print(f'mean(2*e)   = {(2 * e).mean():.4f}    B.grad = {B.grad.item():.4f}')
# --8<-- [end:by-hand]

# --8<-- [start:solution-1]
# W나 B만 h만큼 늘렸을 때 손실이 변한 양을 h로 나눈다
Xd, Yd = X.double(), Y.double()  # 아주 작은 차이를 보려고 64비트로 계산한다


def L(w, b):
    return ((w * Xd + b - Yd) ** 2).mean().item()


for h in (0.1, 0.01, 0.001):
    print(f'h = {h}:  W: {(L(1 + h, 1) - L(1, 1)) / h:.4f}   B: {(L(1, 1 + h) - L(1, 1)) / h:.4f}')
print(f'W.grad = {W.grad.item():.4f}   B.grad = {B.grad.item():.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 같은 loss로 backward()를 한 번 더 부른다
try:
    loss.backward()
except RuntimeError as err:
    print(str(err).split(' (')[0])
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-fresh]
# 손실을 새로 계산한 뒤 backward()를 부른다
loss = mse(pred(X), Y)
loss.backward()
print(W.grad)
print(B.grad)
# --8<-- [end:solution-2-fresh]

# --8<-- [start:solution-3]
# W = 3.0, B = 1.0에서 예측, 손실, 경사를 새로 계산한다
W = torch.tensor(3.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
loss = mse(pred(X), Y)
loss.backward()
print(W.grad)
print(B.grad)
# ∂L/∂W = 0이 되는 W: 평행이동한 데이터에서는 mean(X*Y) / mean(X**2)
print(f'mean(X*Y) / mean(X**2) = {((X * Y).mean() / (X ** 2).mean()).item():.4f}')
# --8<-- [end:solution-3]
