# 3.12 How large can the learning rate be: the limit from the eigenvalues of the Hessian, and a check on both sides of it

# --8<-- [start:hessian]
# the Hessian of L(u, v) (its second partial derivatives)
H = np.array([[6.0, -1.0],
              [-1.0, 6.0]])

# H leaves the two directions (1, 1) and (1, -1) as they are and only stretches them, by 5 and by 7
d1 = np.array([1.0, 1.0])
d2 = np.array([1.0, -1.0])
print('H @ (1, 1)  =', H @ d1)
print('H @ (1, -1) =', H @ d2)

# the eigenvalues, from NumPy
eigenvalues = np.linalg.eigvalsh(H)
print(eigenvalues)
# --8<-- [end:hessian]

# --8<-- [start:limit]
print(f'2 / {eigenvalues.max():.0f} = {2 / eigenvalues.max():.4f}')  # the limit for the learning rate
# --8<-- [end:limit]

# --8<-- [start:descents]
# the path of n_steps steps from (4, 4) with learning rate alpha (η in the formulas)
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

# the distance printed as 0.0000 for alpha = 0.05 is not 0
u_05, v_05 = paths[0][-1]
print(f'alpha = 0.05: distance = {np.hypot(u_05 + 1, v_05 - 1):.1e}')
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
    # the two eigendirections through the minimum (-1, 1)
    ax.plot([-6, 4], [-4, 6], '--', c='C2', lw=1.2, label='eigendirection (1, 1): λ = 5')
    ax.plot([-6, 4], [6, -4], '--', c='C4', lw=1.2, label='eigendirection (1, −1): λ = 7')
    ax.plot(path[:, 0], path[:, 1], 'o-', c='r', markersize=3, lw=1)  # the path of gradient descent
    ax.plot(-1, 1, '*', c='k', markersize=12)  # the minimum
    ax.set_title(f'η = {alpha:.4f}')
    ax.set_xlabel('u')
    ax.set_ylabel('v')
    ax.set_aspect('equal')
fig.suptitle('Paths of gradient descent for four learning rates (50 steps)')
fig.legend(*axes.flat[0].get_legend_handles_labels(), loc='outside lower center', ncols=2)
plt.show()
# --8<-- [end:descents-plot]

# --8<-- [start:hessian-wb]
# the Hessian of the loss in W and B: 2 * [[mean(X^2), mean(X)], [mean(X), 1]]
H_WB = 2 * np.array([[mean_X2, X.mean().item()],
                     [X.mean().item(), 1.0]])
eigenvalues_WB = np.linalg.eigvalsh(H_WB)
print(f'eigenvalues: {eigenvalues_WB[0]:.1f}, {eigenvalues_WB[1]:.1f}')
print(f'2 / {eigenvalues_WB.max():.1f} = {2 / eigenvalues_WB.max():.4f}')  # the limit for the learning rate

# the learning rate at which the factors 1 - 2η and 1 - 23.2η have the same size: below it B is the slower direction, above it W
print(f'2 / ({eigenvalues_WB.min():.1f} + {eigenvalues_WB.max():.1f}) = {2 / (eigenvalues_WB.min() + eigenvalues_WB.max()):.4f}')
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

# --8<-- [start:solution-1]
# the two factors at learning rate 0.3: 1 - 5η along (1, 1), 1 - 7η along (1, -1)
alpha_03 = 0.3
f1, f2 = 1 - alpha_03 * eigenvalues
print(f'factors = {f1:+.4f}, {f2:+.4f}')

# the start minus the minimum, (5, 3) = 4 * (1, 1) + 1 * (1, -1): each part is multiplied by its factor 50 times
c1 = 4 * f1 ** 50
c2 = 1 * f2 ** 50
print(f'after 50 steps: 4 * ({f1:+.1f})^50 = {c1:.1e}  1 * ({f2:+.1f})^50 = {c2:.4f}')
predicted = np.hypot(c1, c2) * np.sqrt(2)  # (1, 1) and (1, -1) are at right angles, each of length √2
print(f'predicted distance = {predicted:.4f}')

# check it by taking the 50 steps
u_03, v_03 = descend(alpha_03)[-1]
print(f'distance after 50 steps = {np.hypot(u_03 + 1, v_03 - 1):.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# just below and just above the limit 0.0862: the factor along W, and the loss after 100 and after 1000 epochs
for lr_try in [0.086, 0.087]:
    factor_W = 1 - lr_try * eigenvalues_WB.max()
    print(f'lr = {lr_try}  factor along W = {factor_W:+.4f}')
    print(f'    loss after 100 epochs  = {final_loss(lr_try):.4f}')
    print(f'    loss after 1000 epochs = {final_loss(lr_try, 1000):.5g}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# for each learning rate: the factors along the two directions (B: curvature 2, W: curvature 23.2), the larger
# of their sizes, and the epochs that factor needs to shrink a part to a thousandth (after that many epochs the distance
# to the minimum is below a thousandth of its start, from any starting point)
lr_best = 2 / (eigenvalues_WB.min() + eigenvalues_WB.max())  # the learning rate where both factors have the same size
for lr_try in [0.001, 0.01, 0.08, 0.086, lr_best]:
    factors_WB = 1 - lr_try * eigenvalues_WB
    slowest = np.abs(factors_WB).max()
    epochs_needed = int(np.ceil(np.log(0.001) / np.log(slowest)))
    print(f'lr = {lr_try:.4f}  factors = {factors_WB[0]:+.4f}, {factors_WB[1]:+.4f}  '
          f'slowest = {slowest:.4f}  epochs = {epochs_needed}')
# --8<-- [end:solution-3]
