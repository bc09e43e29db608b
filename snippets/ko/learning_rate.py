# 3.12 학습률은 얼마나 키울 수 있을까: 헤세 행렬의 고윳값으로 학습률의 한계를 구하고 확인한다

# --8<-- [start:hessian]
# L(u, v)의 헤세 행렬(2차 편미분)
H = np.array([[6.0, -1.0],
              [-1.0, 6.0]])

# 두 방향 (1, 1)과 (1, -1)은 H를 곱해도 방향이 그대로이고, 길이만 5배와 7배가 된다
d1 = np.array([1.0, 1.0])
d2 = np.array([1.0, -1.0])
print('H @ (1, 1)  =', H @ d1)
print('H @ (1, -1) =', H @ d2)

# NumPy로 구한 고윳값
eigenvalues = np.linalg.eigvalsh(H)
print(eigenvalues)
# --8<-- [end:hessian]

# --8<-- [start:limit]
print(f'2 / {eigenvalues.max():.0f} = {2 / eigenvalues.max():.4f}')  # 학습률의 한계
# --8<-- [end:limit]

# --8<-- [start:descents]
# (4, 4)에서 출발해 학습률 alpha(식의 η)로 n_steps번 이동한 경로
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

# 0.0000으로 출력된 alpha = 0.05의 거리도 0은 아니다
u_05, v_05 = paths[0][-1]
print(f'alpha = 0.05: distance = {np.hypot(u_05 + 1, v_05 - 1):.1e}')
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
    # 최솟값 (-1, 1)을 지나는 두 고유 방향
    ax.plot([-6, 4], [-4, 6], '--', c='C2', lw=1.2, label='고유 방향 (1, 1): λ = 5')
    ax.plot([-6, 4], [6, -4], '--', c='C4', lw=1.2, label='고유 방향 (1, −1): λ = 7')
    ax.plot(path[:, 0], path[:, 1], 'o-', c='r', markersize=3, lw=1)  # 경사 하강법의 경로
    ax.plot(-1, 1, '*', c='k', markersize=12)  # 최솟값
    ax.set_title(f'η = {alpha:.4f}')
    ax.set_xlabel('u')
    ax.set_ylabel('v')
    ax.set_aspect('equal')
fig.suptitle('학습률에 따른 경사 하강법의 경로 (50번 이동)')
fig.legend(*axes.flat[0].get_legend_handles_labels(), loc='outside lower center', ncols=2)
plt.show()
# --8<-- [end:descents-plot]

# --8<-- [start:hessian-wb]
# W, B에 대한 손실의 헤세 행렬: 2 * [[mean(X^2), mean(X)], [mean(X), 1]]
H_WB = 2 * np.array([[mean_X2, X.mean().item()],
                     [X.mean().item(), 1.0]])
eigenvalues_WB = np.linalg.eigvalsh(H_WB)
print(f'고윳값: {eigenvalues_WB[0]:.1f}, {eigenvalues_WB[1]:.1f}')
print(f'2 / {eigenvalues_WB.max():.1f} = {2 / eigenvalues_WB.max():.4f}')  # 학습률의 한계

# 두 방향의 배수 1 - 2η와 1 - 23.2η의 크기가 같아지는 학습률: 이보다 작으면 B 방향이, 크면 W 방향이 더 느리다
print(f'2 / ({eigenvalues_WB.min():.1f} + {eigenvalues_WB.max():.1f}) = {2 / (eigenvalues_WB.min() + eigenvalues_WB.max()):.4f}')
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
    print(f'lr = {lr_try:<5}  100 에포크 뒤의 손실 = {final_loss(lr_try):.4f}')
# --8<-- [end:lr-limit]

# --8<-- [start:solution-1]
# 학습률 0.3에서 두 고유 방향의 배수: (1, 1)은 1 - 5η, (1, -1)은 1 - 7η
alpha_03 = 0.3
f1, f2 = 1 - alpha_03 * eigenvalues
print(f'factors = {f1:+.4f}, {f2:+.4f}')

# 출발점과 최솟값의 차이 (5, 3) = 4 * (1, 1) + 1 * (1, -1): 두 성분에 배수가 50번씩 곱해진다
c1 = 4 * f1 ** 50
c2 = 1 * f2 ** 50
print(f'50번 이동한 뒤: 4 * ({f1:+.1f})^50 = {c1:.1e}  1 * ({f2:+.1f})^50 = {c2:.4f}')
predicted = np.hypot(c1, c2) * np.sqrt(2)  # (1, 1)과 (1, -1)은 서로 직각이고 길이는 √2
print(f'예측한 거리 = {predicted:.4f}')

# 실제로 50번 이동해 확인한다
u_03, v_03 = descend(alpha_03)[-1]
print(f'50번 이동한 뒤의 거리 = {np.hypot(u_03 + 1, v_03 - 1):.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 한계 0.0862 바로 아래와 바로 위: W 방향의 배수와, 100 에포크와 1000 에포크 뒤의 손실
for lr_try in [0.086, 0.087]:
    factor_W = 1 - lr_try * eigenvalues_WB.max()
    print(f'lr = {lr_try}  W 방향의 배수 = {factor_W:+.4f}')
    print(f'    100 에포크 뒤의 손실  = {final_loss(lr_try):.4f}')
    print(f'    1000 에포크 뒤의 손실 = {final_loss(lr_try, 1000):.5g}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# 학습률마다 두 방향(B: 곡률 2, W: 곡률 23.2)의 배수와 그 가운데 크기가 더 큰 것,
# 그리고 그 배수가 성분을 1000분의 1로 줄이는 데 걸리는 에포크 수(그만큼 학습하면 어디서 출발하든
# 최솟값까지의 거리가 처음의 1000분의 1 아래로 줄어든다)
lr_best = 2 / (eigenvalues_WB.min() + eigenvalues_WB.max())  # 두 배수의 크기가 같아지는 학습률
for lr_try in [0.001, 0.01, 0.08, 0.086, lr_best]:
    factors_WB = 1 - lr_try * eigenvalues_WB
    slowest = np.abs(factors_WB).max()
    epochs_needed = int(np.ceil(np.log(0.001) / np.log(slowest)))
    print(f'lr = {lr_try:.4f}  factors = {factors_WB[0]:+.4f}, {factors_WB[1]:+.4f}  '
          f'slowest = {slowest:.4f}  필요한 에포크 = {epochs_needed}')
# --8<-- [end:solution-3]
