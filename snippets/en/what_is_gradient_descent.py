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

# --8<-- [start:valleys]
def h(w):  # a function with two valleys
    return w**4 - 3 * w**2 + w


def h_grad(w):  # the derivative (gradient) of h
    return 4 * w**3 - 6 * w + 1


def descend(w0, lr, n):  # the path of n updates with learning rate lr, starting at w0
    path = [w0]
    for i in range(n):
        path.append(path[-1] - lr * h_grad(path[-1]))
    return np.array(path)


# from two starting points, 1000 updates with each learning rate; print where w ends up
starts = [-2.2, 2.2]
print('    lr' + ''.join(f'{"w0 = " + str(w0):>12}' for w0 in starts))
for lr in [0.001, 0.01, 0.05, 0.08, 0.1, 0.12]:
    print(f'{lr:6}' + ''.join(f'{descend(w0, lr, 1000)[-1]:12.4f}' for w0 in starts))

# the bottoms of the two valleys and how deep they are
deep = descend(-2.2, 0.01, 1000)[-1]
shallow = descend(2.2, 0.01, 1000)[-1]
print(f'bottom of the deep valley:    w = {deep:.4f}, h(w) = {h(deep):.4f}')
print(f'bottom of the shallow valley: w = {shallow:.4f}, h(w) = {h(shallow):.4f}')
# --8<-- [end:valleys]

# --8<-- [start:valleys-plot]
curve = np.linspace(-2.3, 2.3, 231)  # the range of w to draw h(w) over
small = descend(2.2, 0.01, 20)  # 20 updates with a small learning rate
large = descend(2.2, 0.1, 20)  # 20 updates with a large learning rate
plt.figure(figsize=(7, 4))
plt.plot(curve, h(curve), c='gray', lw=1)  # h(w)
plt.plot(small, h(small), 'o-', c='tab:blue', markersize=5, label='learning rate 0.01')
plt.plot(large, h(large), 'o-', c='r', markersize=5, label='learning rate 0.1')
plt.plot(2.2, h(2.2), 'o', c='k', markersize=8)  # starting point
plt.xlabel('w')
plt.ylabel('h(w)')
plt.title('Two paths from w = 2.2')
plt.legend()
plt.show()
# --8<-- [end:valleys-plot]

# --8<-- [start:solution-1]
# the page's computation under new names, lrs_1 and paths_1 (the page's lrs and paths stay as they are)
lrs_1 = [0.01, 0.3, 1.0]
paths_1 = {}
for lr in lrs_1:
    w = 1.0  # starting point
    path = [w]
    for i in range(5):
        w = w - lr * grad(w)  # a step against the gradient
        path.append(w)
    paths_1[lr] = path

print('step' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs_1))
for i in range(5 + 1):
    print(f'{i:4d}' + ''.join(f'{paths_1[lr][i]:11.4f}' for lr in lrs_1))

# the loss f(w) at every point visited with learning rate 1.0
print('f(w), lr = 1.0:', [f(w) for w in paths_1[1.0]])
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
