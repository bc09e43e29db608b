# 3.1 두 변수 함수의 경사 하강법: L(u, v)의 최솟값을 경사 하강법으로 찾아간다

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:function]
def L(u, v):  # 손실 함수
    return 3 * u**2 + 3 * v**2 - u * v + 7 * u - 7 * v + 10


def Lu(u, v):  # u에 대한 편미분
    return 6 * u - v + 7


def Lv(u, v):  # v에 대한 편미분
    return 6 * v - u - 7
# --8<-- [end:function]

# --8<-- [start:grid]
# -5부터 5까지 501개의 점으로 격자를 만들고, 격자의 모든 점에서 L을 계산
u = np.linspace(-5, 5, 501)
v = np.linspace(-5, 5, 501)
U, V = np.meshgrid(u, v)
Z = L(U, V)
# --8<-- [end:grid]

# --8<-- [start:descent]
# 경사 하강법 시뮬레이션: (4, 4)에서 출발해 21번 이동
W = np.array([4.0, 4.0])
W1 = [W[0]]
W2 = [W[1]]
N = 21
alpha = 0.05  # 학습률
for i in range(N):
    W = W - alpha * np.array([Lu(W[0], W[1]), Lv(W[0], W[1])])
    W1.append(W[0])
    W2.append(W[1])

print(f"start: ({W1[0]:.4f}, {W2[0]:.4f})  L = {L(W1[0], W2[0]):.4f}")
print(f"end:   ({W1[-1]:.4f}, {W2[-1]:.4f})  L = {L(W1[-1], W2[-1]):.4f}")
# --8<-- [end:descent]

# --8<-- [start:plot]
# 처음 11개 지점만 그린다
n_loop = 11
WW1 = np.array(W1[:n_loop])
WW2 = np.array(W2[:n_loop])
ZZ = L(WW1, WW2)

fig = plt.figure(figsize=(8, 8))
ax = plt.axes(projection='3d')
ax.set_zlim(0, 250)
ax.set_xlabel('W')
ax.set_ylabel('B')
ax.set_zlabel('손실')
ax.view_init(30, 240)
ax.xaxis._axinfo["grid"]['linewidth'] = 2.
ax.yaxis._axinfo["grid"]['linewidth'] = 2.
ax.zaxis._axinfo["grid"]['linewidth'] = 2.
ax.contour3D(U, V, Z, 100, cmap='Blues', alpha=0.7)  # 등고선 100개
ax.plot3D(WW1, WW2, ZZ, 'o-', c='r', alpha=1, markersize=7)  # 경사 하강법의 경로
plt.title('L(u, v) 위의 경사 하강법')
plt.show()
# --8<-- [end:plot]
