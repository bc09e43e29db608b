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
