# 3.12 학습률은 얼마나 키울 수 있을까: 헤세 행렬의 고윳값으로 학습률의 한계를 구하고 확인한다

# --8<-- [start:hessian]
# L(u, v)의 헤세 행렬(2차 편미분)과 그 고윳값
H = np.array([[6.0, -1.0],
              [-1.0, 6.0]])
eigenvalues = np.linalg.eigvalsh(H)
print(eigenvalues)
print(f'2 / {eigenvalues.max():.0f} = {2 / eigenvalues.max():.4f}')  # 학습률의 한계
# --8<-- [end:hessian]

# --8<-- [start:descents]
# (4, 4)에서 출발해 학습률 alpha로 n_steps번 이동한 경로
def descend(alpha, n_steps=50):
    p = np.array([4.0, 4.0])
    path = [p]
    for i in range(n_steps):
        p = p - alpha * np.array([Lu(p[0], p[1]), Lv(p[0], p[1])])
        path.append(p)
    return np.array(path)


# 한계 2/7의 양쪽에 있는 학습률 네 개
alphas = [0.05, 0.2, 2 / 7, 0.29]
paths = [descend(alpha) for alpha in alphas]
for alpha, path in zip(alphas, paths):
    u_end, v_end = path[-1]
    factors = 1 - alpha * eigenvalues  # 고유 방향마다 한 번 이동할 때 곱해지는 수
    distance = np.hypot(u_end + 1, v_end - 1)  # 최솟값 (-1, 1)까지의 거리
    print(f'alpha = {alpha:.4f}  factors = {factors[0]:+.4f}, {factors[1]:+.4f}  '
          f'distance = {distance:.4f}  L = {L(u_end, v_end):.4f}')
# --8<-- [end:descents]

# --8<-- [start:descents-plot]
# L(u, v)의 등고선 위에 네 경로를 그린다
u = np.linspace(-6, 6, 81)
v = np.linspace(-6, 6, 81)
U, V = np.meshgrid(u, v)
Z = L(U, V)
levels = 3 + 2.0 ** np.arange(0, 6)  # 최솟값 3 근처는 촘촘하게

fig, axes = plt.subplots(2, 2, figsize=(8, 8.4), layout='constrained')
for ax, alpha, path in zip(axes.flat, alphas, paths):
    ax.contour(U, V, Z, levels=levels, colors='C0', linewidths=0.8, alpha=0.6)
    ax.plot(path[:, 0], path[:, 1], 'o-', c='r', markersize=3, lw=1)  # 경사 하강법의 경로
    ax.plot(-1, 1, '*', c='k', markersize=12)  # 최솟값
    ax.set_title(f'α = {alpha:.4f}')
    ax.set_xlabel('u')
    ax.set_ylabel('v')
    ax.set_aspect('equal')
fig.suptitle('학습률에 따른 경사 하강법의 경로 (50번 이동)')
plt.show()
# --8<-- [end:descents-plot]

# --8<-- [start:hessian-wb]
# W, B에 대한 손실의 헤세 행렬: 2 * [[mean(X^2), mean(X)], [mean(X), 1]]
H_WB = 2 * np.array([[mean_X2, X.mean().item()],
                     [X.mean().item(), 1.0]])
eigenvalues_WB = np.linalg.eigvalsh(H_WB)
print(f'eigenvalues: {eigenvalues_WB[0]:.1f}, {eigenvalues_WB[1]:.1f}')
print(f'2 / {eigenvalues_WB.max():.1f} = {2 / eigenvalues_WB.max():.4f}')  # 학습률의 한계
# --8<-- [end:hessian-wb]

# --8<-- [start:lr-limit]
# 학습률 lr_try로 n_epochs 동안 학습한 뒤의 손실 (W, B는 건드리지 않는다)
def final_loss(lr_try, n_epochs=100):
    w = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    for epoch in range(n_epochs):
        loss = mse(w * X + b, Y)
        loss.backward()
        with torch.no_grad():
            w -= lr_try * w.grad
            b -= lr_try * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return mse(w * X + b, Y).item()


for lr_try in [0.001, 0.01, 0.08, 0.09]:
    print(f'lr = {lr_try:<5}  loss after 100 epochs = {final_loss(lr_try):.4f}')
# --8<-- [end:lr-limit]
