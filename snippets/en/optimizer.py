# 3.9 Optimizers: optim.SGD does the parameter update for us

# --8<-- [start:keep]
# keep the results of the hand-written update from the earlier page, for comparison
history_manual = history  # a second name for the same array
W_manual = W.item()
B_manual = B.item()
# --8<-- [end:keep]

# --8<-- [start:init]
# start again from W = B = 1.0
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # number of epochs
lr = 0.001  # learning rate
# --8<-- [end:init]

# --8<-- [start:optimizer]
# use optim.SGD as the optimizer (the gradient still comes from all five data points)
import torch.optim as optim
optimizer = optim.SGD([W, B], lr=lr)
# --8<-- [end:optimizer]

# --8<-- [start:print-optimizer]
print(optimizer)
# --8<-- [end:print-optimizer]

# --8<-- [start:loop]
# the record of the loss: one row per entry, [epoch, loss]
history = np.zeros((0, 2))

for epoch in range(num_epochs):
    Yp = pred(X)  # prediction
    loss = mse(Yp, Y)  # loss computation

    optimizer.zero_grad()  # reset the gradients
    loss.backward()  # gradient computation
    optimizer.step()  # parameter update

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

# the first and the last loss
print(f'initial state: loss: {history[0, 1]:.4f}')
print(f'final state: loss: {history[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.title('Learning curve (optimizer optim.SGD)')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:compare]
# compare the optimizer's record with the hand-written one
print(np.array_equal(history, history_manual))  # are all 50 losses the same?
print(np.abs(history - history_manual).max())  # the largest difference
print(W.item() == W_manual, B.item() == B_manual)  # and the final W and B?
# --8<-- [end:compare]

# --8<-- [start:step-logic]
# what step() does when there is no momentum, written as a function
def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad  # W -= lr * W.grad, B -= lr * B.grad
# --8<-- [end:step-logic]

# --8<-- [start:step-check]
# one step from the same start (1.0, 1.0): optimizer.step() and sgd_step()
Wa = torch.tensor(1.0, requires_grad=True)
Ba = torch.tensor(1.0, requires_grad=True)
Wb = torch.tensor(1.0, requires_grad=True)
Bb = torch.tensor(1.0, requires_grad=True)

optimizer_a = optim.SGD([Wa, Ba], lr=lr)
mse(Wa * X + Ba, Y).backward()
optimizer_a.step()  # update by the optimizer

mse(Wb * X + Bb, Y).backward()
sgd_step([Wb, Bb], lr)  # update by our own function

print(Wa, Ba)
print(Wb, Bb)
print(torch.equal(Wa, Wb), torch.equal(Ba, Bb))
# --8<-- [end:step-check]

# --8<-- [start:solution-1]
# the page's starting point: W = B = 1.0, learning rate 0.001, a new optimizer
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr)

# the loop without the optimizer.zero_grad() line (the loss is recorded at every epoch, to show the swings)
losses_no_zero = []
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    loss.backward()  # the gradients keep adding up in W.grad and B.grad
    optimizer.step()

    losses_no_zero.append(loss.item())

# the smallest and the largest loss from epoch 100 on, and the last one
later = np.array(losses_no_zero[100:])
print(f'epoch >= 100: min = {later.min():.4f}  max = {later.max():.4f}')
print(f'epoch = 499 loss = {losses_no_zero[-1]:.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
plt.plot(history[:, 0], history[:, 1], 'b', label='with zero_grad()')
plt.plot(losses_no_zero, 'r', lw=1, label='without zero_grad()')
plt.ylim(0, 18)
plt.xlabel('epoch')
plt.ylabel('loss')
plt.legend(loc='upper center', ncols=2)
plt.title('Learning curve when the gradients are never cleared')
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
# start again from W = B = 1.0, with a new optimizer at learning rate 0.01 (lr itself stays 0.001)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
optimizer = optim.SGD([W, B], lr=0.01)

# the same loop as on the page (it records in history_01, but does not print its 50 lines)
history_01 = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_01 = np.vstack((history_01, item))

print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
print(f'lr = 0.001: epoch = 490 loss = {history[-1, 1]:.4f}')
print(f'lr = 0.01 : epoch = 490 loss = {history_01[-1, 1]:.4f}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# the page's starting point: W = B = 1.0, learning rate 0.001 (no optimizer this time)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001

# sgd_step() instead of optimizer.step(), and clearing the gradients ourselves instead of optimizer.zero_grad()
history_sgd_step = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    loss.backward()
    sgd_step([W, B], lr)  # parameter update
    W.grad.zero_()  # reset the gradients: before the first backward() W.grad is None, so clear after the update
    B.grad.zero_()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_sgd_step = np.vstack((history_sgd_step, item))

print(np.array_equal(history_sgd_step, history))  # the same as the record of the optimizer on the page?
print(W.item() == W_manual, B.item() == B_manual)
# --8<-- [end:solution-3]
