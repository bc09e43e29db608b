# 3.12 How large can the learning rate be: the limit from the eigenvalues of the Hessian, and a check on both sides of it

# --8<-- [start:hessian]
# the Hessian of L(u, v) (its second partial derivatives) and its eigenvalues
H = np.array([[6.0, -1.0],
              [-1.0, 6.0]])
eigenvalues = np.linalg.eigvalsh(H)
print(eigenvalues)
print(f'2 / {eigenvalues.max():.0f} = {2 / eigenvalues.max():.4f}')  # the limit for the learning rate
# --8<-- [end:hessian]

# --8<-- [start:descents]
# the path of n_steps steps from (4, 4) with learning rate alpha
def descend(alpha, n_steps=50):
    p = np.array([4.0, 4.0])
    path = [p]
    for i in range(n_steps):
        p = p - alpha * np.array([Lu(p[0], p[1]), Lv(p[0], p[1])])
        path.append(p)
    return np.array(path)


# four learning rates on both sides of the limit 2/7
alphas = [0.05, 0.2, 2 / 7, 0.29]
paths = [descend(alpha) for alpha in alphas]
for alpha, path in zip(alphas, paths):
    u_end, v_end = path[-1]
    factors = 1 - alpha * eigenvalues  # what each step multiplies the offset from the minimum by, per eigendirection
    distance = np.hypot(u_end + 1, v_end - 1)  # distance to the minimum (-1, 1)
    print(f'alpha = {alpha:.4f}  factors = {factors[0]:+.4f}, {factors[1]:+.4f}  '
          f'distance = {distance:.4f}  L = {L(u_end, v_end):.4f}')
# --8<-- [end:descents]

# --8<-- [start:descents-plot]
# draw the four paths over the contours of L(u, v)
u = np.linspace(-6, 6, 81)
v = np.linspace(-6, 6, 81)
U, V = np.meshgrid(u, v)
Z = L(U, V)
levels = 3 + 2.0 ** np.arange(0, 6)  # denser near the minimum value 3

fig, axes = plt.subplots(2, 2, figsize=(8, 8.4), layout='constrained')
for ax, alpha, path in zip(axes.flat, alphas, paths):
    ax.contour(U, V, Z, levels=levels, colors='C0', linewidths=0.8, alpha=0.6)
    ax.plot(path[:, 0], path[:, 1], 'o-', c='r', markersize=3, lw=1)  # the path of gradient descent
    ax.plot(-1, 1, '*', c='k', markersize=12)  # the minimum
    ax.set_title(f'α = {alpha:.4f}')
    ax.set_xlabel('u')
    ax.set_ylabel('v')
    ax.set_aspect('equal')
fig.suptitle('Paths of gradient descent for four learning rates (50 steps)')
plt.show()
# --8<-- [end:descents-plot]

# --8<-- [start:hessian-wb]
# the Hessian of the loss in W and B: 2 * [[mean(X^2), mean(X)], [mean(X), 1]]
H_WB = 2 * np.array([[mean_X2, X.mean().item()],
                     [X.mean().item(), 1.0]])
eigenvalues_WB = np.linalg.eigvalsh(H_WB)
print(f'eigenvalues: {eigenvalues_WB[0]:.1f}, {eigenvalues_WB[1]:.1f}')
print(f'2 / {eigenvalues_WB.max():.1f} = {2 / eigenvalues_WB.max():.4f}')  # the limit for the learning rate
# --8<-- [end:hessian-wb]

# --8<-- [start:lr-limit]
# the loss after n_epochs of training with learning rate lr_try (W and B stay untouched)
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
