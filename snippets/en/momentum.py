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

# the first and the last loss
print(f'initial state: loss: {history2[0, 1]:.4f}')
print(f'final state: loss: {history2[-1, 1]:.4f}')
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

# --8<-- [start:sgd-longer]
# keep training plain SGD at the same learning rate until the loss, checked every 10 epochs, equals momentum's last one
final2 = f'{history2[-1, 1]:.4f}'  # the last loss momentum recorded (to four decimal places)
W_sgd = torch.tensor(1.0, requires_grad=True)
B_sgd = torch.tensor(1.0, requires_grad=True)
optimizer_sgd = optim.SGD([W_sgd, B_sgd], lr=lr)

epoch = 0
while True:
    loss_sgd = mse(W_sgd * X + B_sgd, Y)
    if epoch % 10 == 0 and f'{loss_sgd:.4f}' == final2:
        break
    optimizer_sgd.zero_grad()
    loss_sgd.backward()
    optimizer_sgd.step()
    epoch += 1

first2 = min(e for e, l in history2 if f'{l:.4f}' == final2)  # the first epoch at which momentum recorded that value
print(f'SGD            : epoch = {epoch} loss = {loss_sgd:.4f}')
print(f'SGD + momentum : epoch = {first2:.0f} loss = {final2}')
print('W = ', W_sgd.data.numpy(), ' B = ', B_sgd.data.numpy())
# --8<-- [end:sgd-longer]

# --8<-- [start:curvature]
# the second derivatives of the loss L(W, B): how sharply it curves in each direction
curv_W = 2 * (X ** 2).mean().item()  # twice by W: 2 × (the mean of X²)
curv_B = 2.0  # twice by B: 2
curv_WB = 2 * X.mean().item()  # once by W, once by B: 2 × (the mean of X)
print(f'd2L/dW2 = {curv_W:.1f}  d2L/dB2 = {curv_B:.1f}  d2L/dWdB = {curv_WB:.1f}')
# --8<-- [end:curvature]

# --8<-- [start:valley]
# record the (W, B) visited in 500 epochs from W = B = 1 (learning rate 0.001)
def path(momentum):
    Wp = torch.tensor(1.0, requires_grad=True)
    Bp = torch.tensor(1.0, requires_grad=True)
    optimizer_p = optim.SGD([Wp, Bp], lr=lr, momentum=momentum)
    points = [(Wp.item(), Bp.item())]
    for epoch in range(num_epochs):
        optimizer_p.zero_grad()
        mse(Wp * X + Bp, Y).backward()
        optimizer_p.step()
        points.append((Wp.item(), Bp.item()))
    return np.array(points)

path_sgd = path(0.0)  # plain SGD
path_momentum = path(0.9)  # momentum 0.9
print(f'SGD            : epoch = 500  B = {path_sgd[500, 1]:.4f}')
print(f'SGD + momentum : epoch =  50  B = {path_momentum[50, 1]:.4f}')

# the loss L(W, B) at every point of a grid
Wg, Bg = np.meshgrid(np.linspace(0.7, 2.5, 181), np.linspace(-0.3, 1.1, 141))
Lg = ((Wg[..., None] * X.numpy() + Bg[..., None] - Y.numpy()) ** 2).mean(axis=-1)
W_best = ((X * Y).sum() / (X ** 2).sum()).item()  # the W with the smallest loss (B is 0 there)

plt.figure(figsize=(7, 5.4))
plt.contour(Wg, Bg, Lg, levels=[4.6, 4.8, 5.2, 6, 8, 11, 15, 20], colors='0.6', linewidths=0.8)
plt.plot(path_sgd[:, 0], path_sgd[:, 1], 'r', label='SGD')
plt.plot(path_sgd[::50, 0], path_sgd[::50, 1], 'r.', ms=8)  # a dot every 50 epochs
plt.plot(path_momentum[:, 0], path_momentum[:, 1], 'b', label='SGD + momentum')
plt.plot(path_momentum[::50, 0], path_momentum[::50, 1], 'b.', ms=8)
plt.scatter(1.0, 1.0, c='k', s=40, zorder=3, label='start (1, 1)')
plt.scatter(W_best, 0.0, c='k', marker='*', s=160, zorder=3, label='smallest loss')
plt.gca().set_aspect('equal')
plt.xlabel('W')
plt.ylabel('B')
plt.legend(loc='lower left')
plt.title('Contours of the loss L(W, B) and the paths of 500 epochs')
plt.show()
# --8<-- [end:valley]

# --8<-- [start:lr-limit]
# the limit for the learning rate: 2 / 23.2 without momentum, 2 × (1 + mu) / 23.2 with momentum coefficient mu
mu = 0.9
print(f'2 / {curv_W:.1f} = {2 / curv_W:.4f}')
print(f'2 * (1 + {mu}) / {curv_W:.1f} = {2 * (1 + mu) / curv_W:.4f}')

# train for 100 epochs with momentum 0.9 just below (0.15) and just above (0.17) the limit; the loss every 25 epochs
for lr_try in [0.15, 0.17]:
    W_try = torch.tensor(1.0, requires_grad=True)
    B_try = torch.tensor(1.0, requires_grad=True)
    optimizer_try = optim.SGD([W_try, B_try], lr=lr_try, momentum=mu)
    losses_try = []
    for epoch in range(101):
        loss_try = mse(W_try * X + B_try, Y)
        losses_try.append(loss_try.item())
        optimizer_try.zero_grad()
        loss_try.backward()
        optimizer_try.step()
    print(f'lr = {lr_try}: ' + '  '.join(f'{l:.5g}' for l in losses_try[::25]))
# --8<-- [end:lr-limit]

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

# --8<-- [start:by-hand]
# the same function with only its last line changed to p -= lr * v
def momentum_step_by_hand(params, velocities, lr, momentum):
    with torch.no_grad():
        for p, v in zip(params, velocities):
            v.mul_(momentum).add_(p.grad)  # as before
            p -= lr * v  # lr * v is rounded to float32 first, then subtracted

Wh = torch.tensor(1.0, requires_grad=True)
Bh = torch.tensor(1.0, requires_grad=True)
velocities_h = [torch.zeros(()), torch.zeros(())]

for epoch in range(num_epochs):
    mse(Wh * X + Bh, Y).backward()
    momentum_step_by_hand([Wh, Bh], velocities_h, lr, 0.9)
    Wh.grad.zero_()
    Bh.grad.zero_()

print('p -= lr * v : W =', Wh.data.numpy(), ' B =', Bh.data.numpy())
print('optim.SGD   : W =', W.data.numpy(), ' B =', B.data.numpy())
print(torch.equal(Wh, W), torch.equal(Bh, B))
print(f'{(Bh - B).item():.1e}')  # the difference in B
# --8<-- [end:by-hand]

# --8<-- [start:solution-1]
# the same training with momentum coefficients 0.5, 0.9 and 0.99 (each from W = B = 1.0 and a new optimizer, at the page's learning rate 0.001)
# (the swings at 0.99 are short: a record every 10 epochs would distort them, so the loss is recorded every epoch)
losses_mu = {}
for mu_try in [0.5, 0.9, 0.99]:
    W = torch.tensor(1.0, requires_grad=True).float()
    B = torch.tensor(1.0, requires_grad=True).float()
    optimizer = optim.SGD([W, B], lr=lr, momentum=mu_try)
    losses = []
    for epoch in range(num_epochs):
        Yp = pred(X)
        loss = mse(Yp, Y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    losses_mu[mu_try] = np.array(losses)

# rise: the largest climb above the lowest loss so far
for mu_try, losses in losses_mu.items():
    rise = (losses - np.minimum.accumulate(losses)).max()
    print(f'momentum = {mu_try:<4}  rise = {rise:.4f}  loss = {losses[-1]:.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
for mu_try, colour in [(0.5, 'g'), (0.9, 'b'), (0.99, 'm')]:
    plt.plot(losses_mu[mu_try], colour, lw=1, label=f'μ = {mu_try}')
plt.xlabel('epoch')
plt.ylabel('loss')
plt.legend()
plt.title('Learning curves for three momentum coefficients')
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
# the page's starting point: W = B = 1.0, learning rate 0.001, a new optimizer with momentum 0.9
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)

# the loop with optimizer.zero_grad() moved right in front of loss.backward() (it records in history2_moved, but does not print its 50 lines)
history2_moved = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    optimizer.zero_grad()  # reset the gradients (moved here)
    loss.backward()
    optimizer.step()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history2_moved = np.vstack((history2_moved, item))

print(np.array_equal(history2_moved, history2))  # the same as the page's record history2?
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# the page's starting point: W = B = 1.0, learning rate 0.001, a new optimizer with momentum 0.9
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)

W_list = []  # W after the update of every epoch
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    W_list.append(W.item())

top = int(np.argmax(W_list))  # the epoch where W is largest
bottom = top + int(np.argmin(W_list[top:]))  # the epoch where W is smallest after that
print(f'W_best = {W_best:.4f}')
print(f'epoch = {top}  W = {W_list[top]:.4f}')
print(f'epoch = {bottom}  W = {W_list[bottom]:.4f}')
print(f'epoch = 499  W = {W_list[-1]:.4f}')
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
plt.plot(W_list, 'b', label='SGD + momentum')
plt.plot(path_sgd[1:, 0], 'r', label='SGD (the path of the valley figure)')
plt.axhline(W_best, color='k', ls='--', lw=1, label='W with the smallest loss')
plt.xlabel('epoch')
plt.ylabel('W')
plt.legend()
plt.title('W after every epoch')
plt.show()
# --8<-- [end:solution-3-plot]
