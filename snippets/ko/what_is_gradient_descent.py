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
steps = 5  # 반복 횟수

paths = {}
for lr in lrs:
    w = 1.0  # 출발점
    path = [w]
    for i in range(steps):
        w = w - lr * grad(w)  # 경사의 반대 방향으로 이동
        path.append(w)
    paths[lr] = path

# 학습률마다 w가 움직인 경로를 표로 출력
print('step' + ''.join(f'{"lr = " + str(lr):>11}' for lr in lrs))
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
