# 3.6 파라미터 수정: 경사와 학습률로 W와 B를 한 걸음 옮긴다

# --8<-- [start:lr]
# 학습률: 보통 0.01이나 0.001을 쓴다
lr = 0.001
# --8<-- [end:lr]

# --8<-- [start:wrong]
# 잘못된 방법: torch.no_grad() 밖에서 W를 제자리 연산으로 바꾸면 오류가 난다
try:
    W -= lr * W.grad
    B -= lr * B.grad
except RuntimeError as e:
    print(e)

print(W)  # W는 바뀌지 않았다
# --8<-- [end:wrong]

# --8<-- [start:update]
# 올바른 방법: 계산 그래프에 기록하지 않도록 torch.no_grad() 안에서 수정
with torch.no_grad():
    W -= lr * W.grad  # 경사의 반대 방향으로 W를 옮긴다
    B -= lr * B.grad  # 경사의 반대 방향으로 B를 옮긴다
# --8<-- [end:update]

# --8<-- [start:zero]
# 경사값 초기화: backward()를 부를 때마다 경사가 누적되기 때문
W.grad.zero_()
B.grad.zero_()

print(W)  # 수정된 파라미터
print(B)
print(W.grad)  # 0으로 초기화된 경사
print(B.grad)
# --8<-- [end:zero]
