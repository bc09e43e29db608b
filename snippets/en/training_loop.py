# 3.7 The training loop: gradient descent for 500 epochs

# --8<-- [start:init]
# start again from W = B = 1.0
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # number of epochs
lr = 0.001  # learning rate

# the record of the loss: one row per entry, [epoch, loss]
history = np.zeros((0, 2))
# --8<-- [end:init]

# --8<-- [start:loop]
for epoch in range(num_epochs):
    Yp = pred(X)  # prediction
    loss = mse(Yp, Y)  # loss computation
    loss.backward()  # gradient computation

    with torch.no_grad():  # parameter update
        W -= lr * W.grad
        B -= lr * B.grad

    # reset the gradients
    W.grad.zero_()
    B.grad.zero_()

    # every 10 epochs, record and print the loss
    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history = np.vstack((history, item))
        print(f'epoch = {epoch} loss = {loss:.4f}')
# --8<-- [end:loop]

# --8<-- [start:result]
# the final parameters
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())

# the first and the last loss (the printed labels read "initial state : loss" and "final state : loss")
print(f'초기상태 : 손실:{history[0, 1]:.4f}')
print(f'최종상태 : 손실:{history[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.title('Learning curve')
plt.show()
# --8<-- [end:curve]
