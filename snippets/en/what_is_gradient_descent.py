# 3.0 What is gradient descent?: the size of the learning rate, seen on f(w) = w**2

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:function]
def f(w):  # a function of one variable with its minimum at w = 0
    return w**2


def grad(w):  # the derivative (gradient) of f
    return 2 * w
# --8<-- [end:function]

# --8<-- [start:descent]
lrs = [0.01, 0.3, 1.05]  # learning rates: too small, good, too large
steps = 5  # number of steps

paths = {}
for lr in lrs:
    w = 1.0  # starting point
    path = [w]
    for i in range(steps):
        w = w - lr * grad(w)  # a step against the gradient
        path.append(w)
    paths[lr] = path

# print the path of w for each learning rate as a table
print('step' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs))
for i in range(steps + 1):
    print(f'{i:4d}' + ''.join(f'{paths[lr][i]:11.4f}' for lr in lrs))
# --8<-- [end:descent]

# --8<-- [start:plot]
curve = np.linspace(-1.8, 1.8, 181)  # the range of w for the parabola
fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
for ax, lr in zip(axes, lrs):
    path = np.array(paths[lr])
    ax.plot(curve, f(curve), c='gray', lw=1)  # f(w) = w**2
    ax.plot(path, f(path), 'o-', c='r', markersize=6)  # the path of gradient descent
    ax.plot(path[0], f(path[0]), 'o', c='k', markersize=8)  # starting point
    ax.set_xlabel('w')
axes[0].set_ylabel('f(w)')
axes[0].set_title('Learning rate too small (lr = 0.01)')
axes[1].set_title('Good learning rate (lr = 0.3)')
axes[2].set_title('Learning rate too large (lr = 1.05)')
plt.show()
# --8<-- [end:plot]

# --8<-- [start:solution-1]
# change lrs to [0.01, 0.3, 1.0] and run again
lrs = [0.01, 0.3, 1.0]
steps = 5

paths = {}
for lr in lrs:
    w = 1.0  # starting point
    path = [w]
    for i in range(steps):
        w = w - lr * grad(w)  # a step against the gradient
        path.append(w)
    paths[lr] = path

print('step' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs))
for i in range(steps + 1):
    print(f'{i:4d}' + ''.join(f'{paths[lr][i]:11.4f}' for lr in lrs))

# the loss f(w) at every point visited with learning rate 1.0
print('f(w), lr = 1.0:', [f(w) for w in paths[1.0]])
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# one update with learning rate 0.5, from several starting points
lr = 0.5
for w0 in [1.0, -2.5, 10.0]:
    w1 = w0 - lr * grad(w0)
    print(f'w0 = {w0:5.1f}  ->  w1 = {w1}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
import math

lr = 0.01
# solving (1 - 2 * lr)**n < 0.1 for n gives n > log(0.1) / log(1 - 2 * lr)
bound = math.log(0.1) / math.log(1 - 2 * lr)
n = math.ceil(bound)  # the smallest whole number above it
print(f'log(0.1) / log(0.98) = {bound:.2f}')
print('n =', n)

w = 1.0  # starting point
for i in range(1, n + 1):
    w = w - lr * grad(w)
    if i >= n - 1:  # print only the last two steps
        print(f'{i:4d} {w:.4f}')
# --8<-- [end:solution-3]
