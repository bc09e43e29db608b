# 3.0 경사 하강법이란?: f(w) = w**2로 보는 학습률의 크기

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:function]
def f(w):  # 최솟값이 w = 0에 있는 1변수 함수
    return w**2


def grad(w):  # f의 미분(경사)
    return 2 * w
# --8<-- [end:function]

# --8<-- [start:descent]
lrs = [0.01, 0.3, 1.05]  # 너무 작은, 알맞은, 너무 큰 학습률
steps = 5  # 수정 횟수

paths = {}
for lr in lrs:
    w = 1.0  # 출발점
    path = [w]
    for i in range(steps):
        w = w - lr * grad(w)  # 경사의 반대 방향으로 이동
        path.append(w)
    paths[lr] = path

# 학습률마다 w가 움직인 경로를 표로 출력
print('단계' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs))
for i in range(steps + 1):
    print(f'{i:4d}' + ''.join(f'{paths[lr][i]:11.4f}' for lr in lrs))
# --8<-- [end:descent]

# --8<-- [start:plot]
curve = np.linspace(-1.8, 1.8, 181)  # 포물선을 그릴 w의 범위
fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
for ax, lr in zip(axes, lrs):
    path = np.array(paths[lr])
    ax.plot(curve, f(curve), c='gray', lw=1)  # f(w) = w**2
    ax.plot(path, f(path), 'o-', c='r', markersize=6)  # 경사 하강법의 경로
    ax.plot(path[0], f(path[0]), 'o', c='k', markersize=8)  # 출발점
    ax.set_xlabel('w')
axes[0].set_ylabel('f(w)')
axes[0].set_title('너무 작은 학습률 (lr = 0.01)')
axes[1].set_title('알맞은 학습률 (lr = 0.3)')
axes[2].set_title('너무 큰 학습률 (lr = 1.05)')
plt.show()
# --8<-- [end:plot]

# --8<-- [start:valleys]
def h(w):  # 골짜기가 두 개인 함수
    return w**4 - 3 * w**2 + w


def h_grad(w):  # h의 미분(경사)
    return 4 * w**3 - 6 * w + 1


def descend(w0, lr, n):  # w0에서 출발해 학습률 lr로 n번 수정한 경로
    path = [w0]
    for i in range(n):
        path.append(path[-1] - lr * h_grad(path[-1]))
    return np.array(path)


# 두 출발점에서 학습률마다 1000번씩 수정하고, 도착한 w를 표로 출력
starts = [-2.2, 2.2]
print('    lr' + ''.join(f'{"w0 = " + str(w0):>12}' for w0 in starts))
for lr in [0.001, 0.01, 0.05, 0.08, 0.1, 0.12]:
    print(f'{lr:6}' + ''.join(f'{descend(w0, lr, 1000)[-1]:12.4f}' for w0 in starts))

# 두 골짜기의 바닥과 그 깊이
deep = descend(-2.2, 0.01, 1000)[-1]
shallow = descend(2.2, 0.01, 1000)[-1]
print(f'깊은 골짜기의 바닥: w = {deep:.4f}, h(w) = {h(deep):.4f}')
print(f'얕은 골짜기의 바닥: w = {shallow:.4f}, h(w) = {h(shallow):.4f}')
# --8<-- [end:valleys]

# --8<-- [start:valleys-plot]
curve = np.linspace(-2.3, 2.3, 231)  # h(w)를 그릴 w의 범위
small = descend(2.2, 0.01, 20)  # 작은 학습률로 20번
large = descend(2.2, 0.1, 20)  # 큰 학습률로 20번
plt.figure(figsize=(7, 4))
plt.plot(curve, h(curve), c='gray', lw=1)  # h(w)
plt.plot(small, h(small), 'o-', c='tab:blue', markersize=5, label='학습률 0.01')
plt.plot(large, h(large), 'o-', c='r', markersize=5, label='학습률 0.1')
plt.plot(2.2, h(2.2), 'o', c='k', markersize=8)  # 출발점
plt.xlabel('w')
plt.ylabel('h(w)')
plt.title('w = 2.2에서 출발한 두 경로')
plt.legend()
plt.show()
# --8<-- [end:valleys-plot]

# --8<-- [start:solution-1]
# 본문의 계산을 새 이름 lrs_1, paths_1로 (본문의 lrs, paths는 그대로 둔다)
lrs_1 = [0.01, 0.3, 1.0]
paths_1 = {}
for lr in lrs_1:
    w = 1.0  # 출발점
    path = [w]
    for i in range(5):
        w = w - lr * grad(w)  # 경사의 반대 방향으로 이동
        path.append(w)
    paths_1[lr] = path

print('단계' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs_1))
for i in range(5 + 1):
    print(f'{i:4d}' + ''.join(f'{paths_1[lr][i]:11.4f}' for lr in lrs_1))

# 학습률 1.0에서 지나간 점마다 손실 f(w)
print('f(w), lr = 1.0:', [f(w) for w in paths_1[1.0]])
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 학습률 0.5로 여러 출발점에서 한 번씩 수정
lr = 0.5
for w0 in [1.0, -2.5, 10.0]:
    w1 = w0 - lr * grad(w0)
    print(f'w0 = {w0:5.1f}  ->  w1 = {w1}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
import math

lr = 0.01
# (1 - 2 * lr)**n < 0.1을 n에 대해 풀면 n > log(0.1) / log(1 - 2 * lr)
bound = math.log(0.1) / math.log(1 - 2 * lr)
n = math.ceil(bound)  # 이 수보다 큰 가장 작은 정수
print(f'log(0.1) / log(0.98) = {bound:.2f}')
print('n =', n)

w = 1.0  # 출발점
for i in range(1, n + 1):
    w = w - lr * grad(w)
    if i >= n - 1:  # 마지막 두 단계만 출력
        print(f'{i:4d} {w:.4f}')
# --8<-- [end:solution-3]
