# 3.6 파라미터 수정: 경사와 학습률로 W와 B를 한 걸음 옮긴다

# --8<-- [start:lr]
# 학습률(식의 η): 처음에는 흔히 0.01이나 0.001을 시도한다
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

# --8<-- [start:fresh-leaf]
# 계산에 한 번도 쓰지 않은 새 리프 텐서도 제자리 연산으로 바꿀 수 없다
V = torch.tensor(1.0, requires_grad=True)
try:
    V -= 0.5
except RuntimeError as e:
    print(e)
# --8<-- [end:fresh-leaf]

# --8<-- [start:update]
# 올바른 방법: 계산 그래프에 기록하지 않도록 torch.no_grad() 안에서 수정
with torch.no_grad():
    W -= lr * W.grad  # 경사의 반대 방향으로 W를 옮긴다
    B -= lr * B.grad  # 경사의 반대 방향으로 B를 옮긴다

print(W.is_leaf, W.grad_fn)  # W는 여전히 리프 텐서이고, 연산 이력이 없다
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

# --8<-- [start:solution-1]
# 풀이 1: W와 B를 1.0에서 다시 시작해, 학습률 0.01로 한 번 수정한다
W = torch.tensor(1.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
lr = 0.01

loss = mse(pred(X), Y)
loss.backward()
with torch.no_grad():
    W -= lr * W.grad
    B -= lr * B.grad

print(W)
print(B)
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 풀이 2: 한 번 수정한 뒤 경사값 초기화를 건너뛰고, 새 위치에서 다시 backward()를 부른다
W = torch.tensor(1.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
lr = 0.001

loss = mse(pred(X), Y)
loss.backward()
with torch.no_grad():
    W -= lr * W.grad
    B -= lr * B.grad

# 여기서 W.grad.zero_()와 B.grad.zero_()를 건너뛴다
loss = mse(pred(X), Y)
loss.backward()
print(W.grad, B.grad)  # 두 번의 경사가 더해진 값
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-fresh]
# 비교: 경사를 0으로 되돌린 뒤, 새 위치의 경사만 구한다
W.grad.zero_()
B.grad.zero_()
loss = mse(pred(X), Y)
loss.backward()
print(W.grad, B.grad)
# --8<-- [end:solution-2-fresh]

# --8<-- [start:solution-3]
# 풀이 3: 경사 계산까지 다시 한 뒤, no_grad() 밖에서 새 텐서를 만들어 W라는 이름에 붙인다
W = torch.tensor(1.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
lr = 0.001

loss = mse(pred(X), Y)
loss.backward()

W_old = W  # 처음 만든 W(리프 텐서)에 이름을 하나 더 붙여 둔다
W = W - lr * W.grad  # 제자리 연산이 아니므로 오류는 나지 않는다
print(W)
print(W.is_leaf, W.grad_fn.name())
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-backward]
# 경사를 0으로 되돌리고, 새 W로 손실을 다시 계산해 backward()를 부른다
W_old.grad.zero_()
B.grad.zero_()
loss = mse(pred(X), Y)
loss.backward()
print(W.retains_grad)  # 새 W에는 경사가 남지 않는다: W.grad는 None이다
print(W_old.grad)  # 경사는 뺄셈을 거슬러 이전 W인 W_old에 쌓인다

# 다음 수정은 실행되지 않는다: W.grad가 None이다
try:
    W = W - lr * W.grad
except TypeError as err:
    print(err)
# --8<-- [end:solution-3-backward]
