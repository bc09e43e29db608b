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

# --8<-- [start:minimum]
# 점 (-1, 1)에서 두 편미분과 손실
print(Lu(-1, 1), Lv(-1, 1), L(-1, 1))
# --8<-- [end:minimum]

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

# --8<-- [start:contour]
# 같은 11개 지점을 위에서 내려다본 등고선 그림에 그린다
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[5, 10, 20, 40, 70, 110, 160, 220], colors='steelblue')  # 손실이 같은 점을 이은 등고선
plt.plot(WW1, WW2, 'o-', c='r', markersize=5)  # 경사 하강법의 경로
plt.plot(-1, 1, 'k*', markersize=12)  # 최솟값 (-1, 1)
plt.xlim(-5, 5)  # 가로축에 보여 줄 범위
plt.ylim(-5, 5)  # 세로축에 보여 줄 범위
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('위에서 내려다본 L(u, v)')
plt.gca().set_aspect('equal')  # 가로세로 눈금 간격을 같게
plt.show()
# --8<-- [end:contour]

# --8<-- [start:solution-1]
# 학습률만 바꾸어 (4, 4)에서 21번 이동 (본문의 W, W1, W2는 그대로 두고 위치는 새 이름 P에)
for alpha_1 in [0.01, 0.2]:
    P = np.array([4.0, 4.0])
    for i in range(N):
        P = P - alpha_1 * np.array([Lu(P[0], P[1]), Lv(P[0], P[1])])
        if i < 3:  # 처음 세 걸음
            print(f"alpha = {alpha_1}  걸음 {i + 1}: ({P[0]:.4f}, {P[1]:.4f})")
    print(f"alpha = {alpha_1}  end:    ({P[0]:.4f}, {P[1]:.4f})  L = {L(P[0], P[1]):.4f}")
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# (-4, -4)에서 출발하는 경로 (새 이름 P1, P2에 기록)
P = np.array([-4.0, -4.0])
P1 = [P[0]]
P2 = [P[1]]
for i in range(N):
    P = P - alpha * np.array([Lu(P[0], P[1]), Lv(P[0], P[1])])
    P1.append(P[0])
    P2.append(P[1])

print(f"start: ({P1[0]:.4f}, {P2[0]:.4f})  L = {L(P1[0], P2[0]):.4f}")
print(f"end:   ({P1[-1]:.4f}, {P2[-1]:.4f})  L = {L(P1[-1], P2[-1]):.4f}")
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-plot]
# 위에서 내려다본 등고선 그림에 두 경로를 함께 그린다
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[5, 10, 20, 40, 70, 110, 160, 220], colors='steelblue')
plt.plot(W1, W2, 'o-', c='r', markersize=4, label='(4, 4)에서')
plt.plot(P1, P2, 'o-', c='g', markersize=4, label='(-4, -4)에서')
plt.plot([-5, 5], [5, -5], 'k:', lw=1, label='v = -u')
plt.plot(-1, 1, 'k*', markersize=12)  # 최솟값 (-1, 1)
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('위에서 본 두 경로')
plt.legend()
plt.gca().set_aspect('equal')
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
print(len(W1))  # 출발점 하나와 21번 이동한 좌표
step_len = np.hypot(np.diff(W1), np.diff(W2))  # 한 걸음의 길이: 이웃한 두 지점 사이의 거리
for i in [1, 2, 11, 21]:
    print(f"걸음 {i:2d}: {step_len[i - 1]:.4f}")
print(f"11번째 지점에서 (-1, 1)까지의 거리: {np.hypot(W1[10] + 1, W2[10] - 1):.4f}")  # 11번째 지점은 W1[10], W2[10]
print(len(W1[:30]))  # 리스트보다 긴 슬라이스는 오류 없이 끝에서 멈춘다
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
# 바닥 근처를 확대해 위에서 내려다본다
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[3.01, 3.05, 3.1, 3.2, 3.4, 3.7], colors='steelblue')
plt.plot(W1[:11], W2[:11], 'o-', c='r', markersize=5, zorder=3, label='처음 11개')
plt.plot(W1[10:], W2[10:], 'o-', c='orange', markersize=5, label='더해진 11개')
plt.plot(-1, 1, 'k*', markersize=12)  # 최솟값 (-1, 1)
plt.xlim(-1.2, -0.5)
plt.ylim(0.8, 1.5)
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('바닥 근처 확대')
plt.legend()
plt.gca().set_aspect('equal')
plt.show()
# --8<-- [end:solution-3-plot]
