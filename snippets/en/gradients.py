# 3.5 Gradients: loss.backward() gives the gradients of W and B

# --8<-- [start:backward]
# compute the gradients: walk the computation graph backwards, differentiating at every node
loss.backward()
# to call backward() twice on the same graph,
# make the first call loss.backward(retain_graph=True)
# --8<-- [end:backward]

# --8<-- [start:grad]
# look at the gradients
print(W.grad)  # the slope along W at W = 1, B = 1
print(B.grad)  # the slope along B at the same point
# --8<-- [end:grad]

# --8<-- [start:check]
# the partial derivatives by formula, next to autograd's result
with torch.no_grad():
    dW = 2 * ((Yp - Y) * X).mean()
    dB = 2 * (Yp - Y).mean()
print(f'W.grad = {W.grad.item():.4f}   2*mean((Yp-Y)*X) = {dW.item():.4f}')
print(f'B.grad = {B.grad.item():.4f}   2*mean(Yp-Y)     = {dB.item():.4f}')
# --8<-- [end:check]

# --8<-- [start:by-hand]
# no PyTorch: NumPy, one person at a time, with the error e = W X + B - Y (W = 1, B = 1)
Xn, Yn = X.numpy(), Y.numpy()
e = 1.0 * Xn + 1.0 - Yn
print('e     =', e.round(4))
print('2*e*X =', (2 * e * Xn).round(4))
print('2*e   =', (2 * e).round(4))
print(f'mean(2*e*X) = {(2 * e * Xn).mean():.4f}   W.grad = {W.grad.item():.4f}')
print(f'mean(2*e)   = {(2 * e).mean():.4f}    B.grad = {B.grad.item():.4f}')
# --8<-- [end:by-hand]

# --8<-- [start:solution-1]
# increase only W (or only B) by h, and divide the change in the loss by h
Xd, Yd = X.double(), Y.double()  # 64 bits, to see very small differences accurately


def L(w, b):
    return ((w * Xd + b - Yd) ** 2).mean().item()


for h in (0.1, 0.01, 0.001):
    print(f'h = {h}:  W: {(L(1 + h, 1) - L(1, 1)) / h:.4f}   B: {(L(1, 1 + h) - L(1, 1)) / h:.4f}')
print(f'W.grad = {W.grad.item():.4f}   B.grad = {B.grad.item():.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# call backward() on the same loss a second time
try:
    loss.backward()
except RuntimeError as err:
    print(str(err).split(' (')[0])
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-fresh]
# compute a fresh loss, then call backward()
loss = mse(pred(X), Y)
loss.backward()
print(W.grad)
print(B.grad)
# --8<-- [end:solution-2-fresh]

# --8<-- [start:solution-3]
# compute the prediction, the loss and the gradients again at W = 3.0, B = 1.0
W = torch.tensor(3.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
loss = mse(pred(X), Y)
loss.backward()
print(W.grad)
print(B.grad)
# the W where dL/dW = 0: on centred data, mean(X*Y) / mean(X**2)
print(f'mean(X*Y) / mean(X**2) = {((X * Y).mean() / (X ** 2).mean()).item():.4f}')
# --8<-- [end:solution-3]
