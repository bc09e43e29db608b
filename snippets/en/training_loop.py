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

# the first and the last recorded loss
print(f'initial state: loss: {history[0, 1]:.4f}')
print(f'final state: loss: {history[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:b-power]
# (1 - 2 lr) to the power 500, computed by Python in 64-bit floats, and B from the loop (32-bit floats)
print(f'(1 - 2 lr)^500, 64-bit: {(1 - 2 * lr) ** num_epochs:.7f}')
print(f'B of the loop, 32-bit: {B.item():.7f}')
# --8<-- [end:b-power]

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.title('Learning curve')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:solution-1]
# Solution 1: start again from W = B = 1.0 and train for 2000 epochs (recorded in history_2000)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
history_2000 = np.zeros((0, 2))

for epoch in range(2000):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()

    with torch.no_grad():
        W -= lr * W.grad
        B -= lr * B.grad

    W.grad.zero_()
    B.grad.zero_()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_2000 = np.vstack((history_2000, item))
    if epoch % 500 == 0:  # print only every 500 epochs
        print(f'epoch = {epoch} loss = {loss:.4f}')

# the last record (epoch 1990), the final parameters, and (1 - 2 lr) to the power 2000
print(f'epoch = {history_2000[-1, 0]:.0f} loss = {history_2000[-1, 1]:.4f}')
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
print(f'{(1 - 2 * lr) ** 2000:.7f}')  # if each update multiplies B by (1 - 2 lr), B is very close to this
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# Solution 2: start again from W = B = 1.0 and run 500 epochs of the loop without the two reset lines (the loss recorded every epoch)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
history_no_reset = np.zeros((0, 2))

for epoch in range(500):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()  # the gradients keep adding up in .grad

    with torch.no_grad():
        W -= lr * W.grad
        B -= lr * B.grad

    # no W.grad.zero_() or B.grad.zero_()
    item = np.array([epoch, loss.item()])
    history_no_reset = np.vstack((history_no_reset, item))

lowest = history_no_reset[:, 1].argmin()  # the epoch with the lowest loss
print(f'epoch = {lowest} loss = {history_no_reset[lowest, 1]:.4f}')
print(f'epoch = {epoch} loss = {loss:.4f}')
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-plot]
# draw it in one figure with the learning curve of the main text (with the reset)
plt.plot(history[:, 0], history[:, 1], 'b', label='with the reset')
plt.plot(history_no_reset[:, 0], history_no_reset[:, 1], 'r', label='without the reset')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.title('Learning curve without the gradient reset')
plt.ylim(top=16)
plt.legend(loc='upper right', ncol=2)
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
# Solution 3: train for 500 epochs with learning rates 0.01 and 0.1, recording the loss every epoch
histories_3 = {}
for lr in [0.01, 0.1]:
    W = torch.tensor(1.0, requires_grad=True).float()
    B = torch.tensor(1.0, requires_grad=True).float()
    losses = []
    for epoch in range(500):
        Yp = pred(X)
        loss = mse(Yp, Y)
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            B -= lr * B.grad
        W.grad.zero_()
        B.grad.zero_()
        losses.append(loss.item())
    histories_3[lr] = np.array(losses)

fast, wild = histories_3[0.01], histories_3[0.1]
print(f'lr = 0.01: epoch = 10 loss = {fast[10]:.4f}, epoch = 490 loss = {fast[490]:.4f}')
print(f'lr = 0.1: epoch = 10 loss = {wild[10]:.4f}, epoch = 100 loss = {wild[100]:.3e}')
print('inf:', np.isinf(wild).argmax(), ' nan:', np.isnan(wild).argmax())  # the first epochs where the loss at 0.1 becomes inf (infinity) and nan (not a number)
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
# left: learning rates 0.001 (the curve of the main text) and 0.01; right: 0.1 (on a log scale)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(history[:, 0], history[:, 1], 'b', label='lr = 0.001')
ax1.plot(fast, 'g', label='lr = 0.01')
ax1.set_xlabel('epoch')
ax1.set_ylabel('loss')
ax1.set_title('Two learning rates that converge')
ax1.legend()
ax2.plot(wild[np.isfinite(wild)], 'r', label='lr = 0.1')
ax2.set_yscale('log')
ax2.set_xlabel('epoch')
ax2.set_ylabel('loss (log scale)')
ax2.set_title('A learning rate that diverges')
ax2.legend()
plt.show()
# --8<-- [end:solution-3-plot]
