# 3.5 Gradients: loss.backward() gives the gradients of W and B

# --8<-- [start:backward]
# compute the gradients: walk the computation graph backwards, differentiating at every node
loss.backward()
# to call backward() on the same graph again, the first call must be loss.backward(retain_graph=True)
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
