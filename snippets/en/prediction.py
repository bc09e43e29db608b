# 3.3 Prediction and the computation graph

# --8<-- [start:imports]
import torch
from torchviz import make_dot
from IPython.display import display
# --8<-- [end:imports]

# --8<-- [start:tensors]
# turn X and Y into tensors
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
# the parameters W and B: requires_grad=True so that gradients can be computed
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
# --8<-- [end:params]

# --8<-- [start:pred]
# the prediction function: a linear function
def pred(X):
    return W * X + B
# --8<-- [end:pred]

# --8<-- [start:predict]
# prediction
Yp = pred(X)
print(Yp)
# --8<-- [end:predict]

# --8<-- [start:graph]
# the computation graph of the predictions
params = {'W': W, 'B': B}
g = make_dot(Yp, params=params)
display(g)
# --8<-- [end:graph]

# --8<-- [start:start-value]
# after 500 updates with learning rate 0.001, how much of the starting values is left?
lr = 0.001
mean_X2 = (X ** 2).mean().item()  # the mean of X squared
print(f'mean(X**2) = {mean_X2:.1f}')
print(f'B: {(1 - 2 * lr) ** 500:.4f}')
print(f'W: {(1 - 2 * lr * mean_X2) ** 500:.6f}')
# --8<-- [end:start-value]

# --8<-- [start:solution-1]
# create W and B again, starting at 2.0 and 0.0, and compute the predictions again
W = torch.tensor(2.0, requires_grad=True).float()
B = torch.tensor(0.0, requires_grad=True).float()
Yp = pred(X)
print(Yp)
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# the centred NumPy array as a tensor without .float() (X is a tensor by now, so use a new name)
X64 = torch.tensor(x - x.mean())
print(X64.dtype)
W = torch.tensor(1.0, requires_grad=True).float()  # W and B are float32, as on the page
B = torch.tensor(1.0, requires_grad=True).float()
Yp64 = pred(X64)
print(Yp64.dtype)
print(Yp64)

# the type of the result is decided by dimensions, not by the number of elements
one_elem = torch.tensor([2.0], dtype=torch.float64)  # a 1-dimensional float64 tensor with a single element
zero_dim = torch.tensor(2.0, dtype=torch.float64)  # a 0-dimensional float64 tensor
print((one_elem * W).dtype)  # 1-dimensional float64 × 0-dimensional float32
print((zero_dim * X).dtype)  # 0-dimensional float64 × 1-dimensional float32
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# create W again without requires_grad=True, compute the predictions and draw the graph
W = torch.tensor(1.0).float()
B = torch.tensor(1.0, requires_grad=True).float()
Yp = pred(X)
print(Yp)
params = {'W': W, 'B': B}
g = make_dot(Yp, params=params)
display(g)
# --8<-- [end:solution-3]
