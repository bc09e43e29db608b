# 3.3 예측 계산과 계산 그래프

# --8<-- [start:imports]
import torch
from torchviz import make_dot
from IPython.display import display
# --8<-- [end:imports]

# --8<-- [start:tensors]
# X와 Y를 텐서 변수로 변환
X = torch.tensor(X).float()
Y = torch.tensor(Y).float()
# --8<-- [end:tensors]

# --8<-- [start:dtype]
print(X.dtype)
print(Y.dtype)
# --8<-- [end:dtype]

# --8<-- [start:print-tensors]
print(X)
print(Y)
# --8<-- [end:print-tensors]

# --8<-- [start:params]
# 파라미터 W와 B: 경사를 계산할 수 있도록 requires_grad=True로 만든다
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
# --8<-- [end:params]

# --8<-- [start:pred]
# 예측 함수: 1차 함수
def pred(X):
    return W * X + B
# --8<-- [end:pred]

# --8<-- [start:predict]
# 예측 계산
Yp = pred(X)
print(Yp)
# --8<-- [end:predict]

# --8<-- [start:graph]
# 예측값의 계산 그래프
params = {'W': W, 'B': B}
g = make_dot(Yp, params=params)
display(g)
# --8<-- [end:graph]

# --8<-- [start:start-value]
# 학습률 0.001로 파라미터를 500번 수정한 뒤, 초깃값의 영향이 얼마나 남는가
lr = 0.001
mean_X2 = (X ** 2).mean().item()  # X²의 평균
print(f'mean(X**2) = {mean_X2:.1f}')
print(f'B: {(1 - 2 * lr) ** 500:.4f}')
print(f'W: {(1 - 2 * lr * mean_X2) ** 500:.6f}')
# --8<-- [end:start-value]

# --8<-- [start:solution-1]
# W와 B를 초깃값 2.0, 0.0으로 다시 만들고 예측 계산을 다시 한다
W = torch.tensor(2.0, requires_grad=True).float()
B = torch.tensor(0.0, requires_grad=True).float()
Yp = pred(X)
print(Yp)
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# .float() 없이 평행이동한 NumPy 배열을 텐서로 바꾼다 (X는 이미 텐서이므로 새 이름을 쓴다)
X64 = torch.tensor(x - x.mean())
print(X64.dtype)
W = torch.tensor(1.0, requires_grad=True).float()  # W와 B는 본문과 같은 float32
B = torch.tensor(1.0, requires_grad=True).float()
Yp64 = pred(X64)
print(Yp64.dtype)
print(Yp64)

# 결과의 자료형은 원소 개수가 아니라 차원으로 정해진다
one_elem = torch.tensor([2.0], dtype=torch.float64)  # 원소가 하나뿐인 1차원 float64 텐서
zero_dim = torch.tensor(2.0, dtype=torch.float64)  # 0차원 float64 텐서
print((one_elem * W).dtype)  # 1차원 float64 × 0차원 float32
print((zero_dim * X).dtype)  # 0차원 float64 × 1차원 float32
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# W만 requires_grad=True 없이 다시 만들고, 예측 계산을 한 뒤 계산 그래프를 그린다
W = torch.tensor(1.0).float()
B = torch.tensor(1.0, requires_grad=True).float()
Yp = pred(X)
print(Yp)
params = {'W': W, 'B': B}
g = make_dot(Yp, params=params)
display(g)
# --8<-- [end:solution-3]
