# 3.4 Loss: the mean squared error

# --8<-- [start:mse]
# the loss function: mean squared error (MSE)
def mse(Yp, Y):
    loss = ((Yp - Y) ** 2).mean()
    return loss
# --8<-- [end:mse]

# --8<-- [start:loss]
# compute the loss
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:loss]

# --8<-- [start:graph]
# the computation graph of the loss
params = {'W': W, 'B': B}
g = make_dot(loss, params=params)
display(g)
# --8<-- [end:graph]
