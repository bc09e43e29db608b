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
