# 3.6 Updating the parameters: move W and B one step using the gradients and the learning rate

# --8<-- [start:lr]
# the learning rate: 0.01 or 0.001 are the usual choices
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

# --8<-- [start:update]
# the right way: inside torch.no_grad() the update is not recorded in the computation graph
with torch.no_grad():
    W -= lr * W.grad  # move W against its gradient
    B -= lr * B.grad  # move B against its gradient
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
