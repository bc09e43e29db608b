# 3.1 Gradient descent on a function of two variables: walk down to the minimum of L(u, v)

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:function]
def L(u, v):  # the loss function
    return 3 * u**2 + 3 * v**2 - u * v + 7 * u - 7 * v + 10


def Lu(u, v):  # partial derivative with respect to u
    return 6 * u - v + 7


def Lv(u, v):  # partial derivative with respect to v
    return 6 * v - u - 7
# --8<-- [end:function]

# --8<-- [start:grid]
# a grid of 501 points from -5 to 5 on each axis, and L at every point of it
u = np.linspace(-5, 5, 501)
v = np.linspace(-5, 5, 501)
U, V = np.meshgrid(u, v)
Z = L(U, V)
# --8<-- [end:grid]

# --8<-- [start:descent]
# simulate gradient descent: start at (4, 4) and take 21 steps
W = np.array([4.0, 4.0])
W1 = [W[0]]
W2 = [W[1]]
N = 21
alpha = 0.05  # learning rate
for i in range(N):
    W = W - alpha * np.array([Lu(W[0], W[1]), Lv(W[0], W[1])])
    W1.append(W[0])
    W2.append(W[1])

print(f"start: ({W1[0]:.4f}, {W2[0]:.4f})  L = {L(W1[0], W2[0]):.4f}")
print(f"end:   ({W1[-1]:.4f}, {W2[-1]:.4f})  L = {L(W1[-1], W2[-1]):.4f}")
# --8<-- [end:descent]

# --8<-- [start:minimum]
# the two partial derivatives and the loss at the point (-1, 1)
print(Lu(-1, 1), Lv(-1, 1), L(-1, 1))
# --8<-- [end:minimum]

# --8<-- [start:plot]
# draw only the first 11 points
n_loop = 11
WW1 = np.array(W1[:n_loop])
WW2 = np.array(W2[:n_loop])
ZZ = L(WW1, WW2)

fig = plt.figure(figsize=(8, 8))
ax = plt.axes(projection='3d')
ax.set_zlim(0, 250)
ax.set_xlabel('W')
ax.set_ylabel('B')
ax.set_zlabel('loss')
ax.view_init(30, 240)
ax.xaxis._axinfo["grid"]['linewidth'] = 2.
ax.yaxis._axinfo["grid"]['linewidth'] = 2.
ax.zaxis._axinfo["grid"]['linewidth'] = 2.
ax.contour3D(U, V, Z, 100, cmap='Blues', alpha=0.7)  # 100 contour lines
ax.plot3D(WW1, WW2, ZZ, 'o-', c='r', alpha=1, markersize=7)  # the path of gradient descent
plt.title('Gradient descent on L(u, v)')
plt.show()
# --8<-- [end:plot]

# --8<-- [start:contour]
# the same 11 points on a contour map, seen from above
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[5, 10, 20, 40, 70, 110, 160, 220], colors='steelblue')  # contour lines: points with the same loss
plt.plot(WW1, WW2, 'o-', c='r', markersize=5)  # the path of gradient descent
plt.plot(-1, 1, 'k*', markersize=12)  # the minimum (-1, 1)
plt.xlim(-5, 5)  # the range of the horizontal axis to show
plt.ylim(-5, 5)  # the range of the vertical axis to show
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('L(u, v) seen from above')
plt.gca().set_aspect('equal')  # the same scale on both axes
plt.show()
# --8<-- [end:contour]

# --8<-- [start:solution-1]
# only the learning rate changes: 21 steps from (4, 4) (the page's W, W1, W2 stay as they are; the position goes in a new name, P)
for alpha_1 in [0.01, 0.2]:
    P = np.array([4.0, 4.0])
    for i in range(N):
        P = P - alpha_1 * np.array([Lu(P[0], P[1]), Lv(P[0], P[1])])
        if i < 3:  # the first three steps
            print(f"alpha = {alpha_1}  step {i + 1}: ({P[0]:.4f}, {P[1]:.4f})")
    print(f"alpha = {alpha_1}  end:    ({P[0]:.4f}, {P[1]:.4f})  L = {L(P[0], P[1]):.4f}")
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# the path from (-4, -4) (recorded under new names, P1 and P2)
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
# both paths on a contour map, seen from above
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[5, 10, 20, 40, 70, 110, 160, 220], colors='steelblue')
plt.plot(W1, W2, 'o-', c='r', markersize=4, label='from (4, 4)')
plt.plot(P1, P2, 'o-', c='g', markersize=4, label='from (-4, -4)')
plt.plot([-5, 5], [5, -5], 'k:', lw=1, label='v = -u')
plt.plot(-1, 1, 'k*', markersize=12)  # the minimum (-1, 1)
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('Both paths, seen from above')
plt.legend()
plt.gca().set_aspect('equal')
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
print(len(W1))  # the starting point and the 21 points after it
step_len = np.hypot(np.diff(W1), np.diff(W2))  # the length of each step: the distance between neighbouring points
for i in [1, 2, 11, 21]:
    print(f"step {i:2d}: {step_len[i - 1]:.4f}")
print(f"from the 11th point to (-1, 1): {np.hypot(W1[10] + 1, W2[10] - 1):.4f}")  # the 11th point is W1[10], W2[10]
print(len(W1[:30]))  # a slice longer than the list stops at its end, without an error
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
# zoom in on the bottom, seen from above
plt.figure(figsize=(6, 6))
plt.contour(U, V, Z, levels=[3.01, 3.05, 3.1, 3.2, 3.4, 3.7], colors='steelblue')
plt.plot(W1[:11], W2[:11], 'o-', c='r', markersize=5, zorder=3, label='first 11')
plt.plot(W1[10:], W2[10:], 'o-', c='orange', markersize=5, label='11 more')
plt.plot(-1, 1, 'k*', markersize=12)  # the minimum (-1, 1)
plt.xlim(-1.2, -0.5)
plt.ylim(0.8, 1.5)
plt.xlabel('W (u)')
plt.ylabel('B (v)')
plt.title('Near the bottom, zoomed in')
plt.legend()
plt.gca().set_aspect('equal')
plt.show()
# --8<-- [end:solution-3-plot]
