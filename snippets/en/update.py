# 3.6 Updating the parameters: move W and B one step using the gradients and the learning rate

# --8<-- [start:lr]
# the learning rate (η in the formulas): 0.01 and 0.001 are common first tries
lr = 0.001
# --8<-- [end:lr]

# --8<-- [start:wrong]
# the wrong way: changing W in place outside torch.no_grad() raises an error
try:
    W -= lr * W.grad
    B -= lr * B.grad
except RuntimeError as e:
    print(e)

print(W)  # W has not changed
# --8<-- [end:wrong]

# --8<-- [start:fresh-leaf]
# a new leaf tensor, never used in any computation, cannot be changed in place either
V = torch.tensor(1.0, requires_grad=True)
try:
    V -= 0.5
except RuntimeError as e:
    print(e)
# --8<-- [end:fresh-leaf]

# --8<-- [start:update]
# the right way: inside torch.no_grad() the update is not recorded in the computation graph
with torch.no_grad():
    W -= lr * W.grad  # move W against its gradient
    B -= lr * B.grad  # move B against its gradient

print(W.is_leaf, W.grad_fn)  # W is still a leaf tensor, with no history
# --8<-- [end:update]

# --8<-- [start:zero]
# reset the gradients: every backward() call adds to them
W.grad.zero_()
B.grad.zero_()

print(W)  # the updated parameters
print(B)
print(W.grad)  # the gradients, back to 0
print(B.grad)
# --8<-- [end:zero]

# --8<-- [start:solution-1]
# Solution 1: start W and B again from 1.0 and update once with a learning rate of 0.01
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
# Solution 2: update once, skip the gradient reset, and call backward() again at the new position
W = torch.tensor(1.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
lr = 0.001

loss = mse(pred(X), Y)
loss.backward()
with torch.no_grad():
    W -= lr * W.grad
    B -= lr * B.grad

# W.grad.zero_() and B.grad.zero_() are skipped here
loss = mse(pred(X), Y)
loss.backward()
print(W.grad, B.grad)  # the two gradients added together
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-fresh]
# for comparison: reset the gradients, then compute only the gradient at the new position
W.grad.zero_()
B.grad.zero_()
loss = mse(pred(X), Y)
loss.backward()
print(W.grad, B.grad)
# --8<-- [end:solution-2-fresh]

# --8<-- [start:solution-3]
# Solution 3: compute the gradients again, then, outside no_grad(), bind the name W to a new tensor
W = torch.tensor(1.0, requires_grad=True)
B = torch.tensor(1.0, requires_grad=True)
lr = 0.001

loss = mse(pred(X), Y)
loss.backward()

W_old = W  # a second name for the W we created (the leaf tensor)
W = W - lr * W.grad  # not an in-place operation, so no error
print(W)
print(W.is_leaf, W.grad_fn.name())
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-backward]
# reset the gradients, compute the loss again with the new W, and call backward()
W_old.grad.zero_()
B.grad.zero_()
loss = mse(pred(X), Y)
loss.backward()
print(W.retains_grad)  # the new W keeps no gradient: W.grad stays None
print(W_old.grad)  # the gradient flows back through the subtraction into W_old

# the next update cannot run: W.grad is None
try:
    W = W - lr * W.grad
except TypeError as err:
    print(err)
# --8<-- [end:solution-3-backward]
