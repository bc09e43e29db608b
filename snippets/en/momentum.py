# 3.10 Momentum: remember the previous direction and learn faster

# --8<-- [start:init]
# start again from W = B = 1.0
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # number of epochs
lr = 0.001  # learning rate
# --8<-- [end:init]

# --8<-- [start:optimizer]
# the optimizer: SGD with momentum 0.9
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)
# --8<-- [end:optimizer]

# --8<-- [start:loop]
# the record of the loss, in history2 to keep it apart from the plain SGD history
history2 = np.zeros((0, 2))

for epoch in range(num_epochs):
    Yp = pred(X)  # prediction
    loss = mse(Yp, Y)  # loss computation

    loss.backward()  # gradient computation
    optimizer.step()  # parameter update
    optimizer.zero_grad()  # reset the gradients

    # every 10 epochs, record and print the loss
    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history2 = np.vstack((history2, item))
        print(f'epoch = {epoch} loss = {loss:.4f}')
# --8<-- [end:loop]

# --8<-- [start:result]
# the final parameters
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())

# the first and the last loss (the labels read "initial state : loss" and "final state : loss")
print(f'초기상태 : 손실:{history2[0, 1]:.4f}')
print(f'최종상태 : 손실:{history2[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:curve]
# both learning curves in one plot
plt.plot(history[:, 0], history[:, 1], 'r', label='SGD')
plt.plot(history2[:, 0], history2[:, 1], 'b', label='SGD + momentum')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.legend()
plt.title('Loss per epoch')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:faster]
# how many epochs momentum needs to reach the last loss of plain SGD
target = history[-1, 1]
reached = history2[history2[:, 1] <= target]
print(f'SGD            : epoch = {history[-1, 0]:.0f} loss = {target:.4f}')
print(f'SGD + momentum : epoch = {reached[0, 0]:.0f} loss = {reached[0, 1]:.4f}')
# --8<-- [end:faster]

# --8<-- [start:momentum-logic]
# what step() does with momentum, written as a function
def momentum_step(params, velocities, lr, momentum):
    with torch.no_grad():
        for p, v in zip(params, velocities):
            v.mul_(momentum).add_(p.grad)  # v ← momentum * v + gradient
            p.add_(v, alpha=-lr)  # p ← p - lr * v
# --8<-- [end:momentum-logic]

# --8<-- [start:momentum-check]
# train 500 epochs again with momentum_step() and compare with the optimizer
Wm = torch.tensor(1.0, requires_grad=True)
Bm = torch.tensor(1.0, requires_grad=True)
velocities = [torch.zeros(()), torch.zeros(())]  # the velocities start at 0

for epoch in range(num_epochs):
    mse(Wm * X + Bm, Y).backward()
    momentum_step([Wm, Bm], velocities, lr, 0.9)
    Wm.grad.zero_()
    Bm.grad.zero_()

print('W = ', Wm.data.numpy())
print('B = ', Bm.data.numpy())
print(torch.equal(Wm, W), torch.equal(Bm, B))
# --8<-- [end:momentum-check]
