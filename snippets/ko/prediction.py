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
