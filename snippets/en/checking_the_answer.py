# 3.11 Checking the answer: compare what gradient descent found with the answer from a formula

# --8<-- [start:least-squares]
# the least-squares answer on the centred data, from a formula
Sxx = (X ** 2).sum()  # sum of the squares of X
Sxy = (X * Y).sum()  # sum of the products of X and Y
W_star = (Sxy / Sxx).item()  # slope
B_star = (Y.mean() - W_star * X.mean()).item()  # intercept

print(f'Sxx = {Sxx.item():.1f}  Sxy = {Sxy.item():.1f}')
print(f'W* = {W_star:.7f}  B* = {B_star:.7f}')
# --8<-- [end:least-squares]

# --8<-- [start:min-loss]
# the smallest loss, and the answer gradient descent found
loss_min = mse(W_star * X + B_star, Y).item()
print(f'least squares   : W = {W_star:.7f}  B = {B_star:.7f}  loss = {loss_min:.4f}')
print(f'gradient descent: W = {W.item():.7f}  B = {B.item():.7f}  loss = {history[-1, 1]:.4f}')
# --8<-- [end:min-loss]

# --8<-- [start:original-units]
# undo the centring to get the line in the original units: y - mean = W* (x - mean)
intercept = y.mean() - W_star * x.mean()
sign = '-' if intercept < 0 else '+'
print(f'weight = {W_star:.5f} * height {sign} {abs(intercept):.3f}')

# compare with NumPy's straight-line fit (degree 1 polynomial) on the original data
slope, icept = np.polyfit(x, y, 1)
print(f'np.polyfit: slope = {slope:.5f}  intercept = {icept:.3f}')
# --8<-- [end:original-units]

# --8<-- [start:b-decay]
# the centred data have a mean of exactly 0
print(f'mean(X) = {X.mean().item()}  mean(Y) = {Y.mean().item()}')

# so the gradient with respect to B is 2B, and every update multiplies B by (1 - 2 lr)
print(f'(1 - 2 * lr) ** 500 = {(1 - 2 * lr) ** num_epochs:.6f}')
print(f'B after the loop    = {B.item():.6f}')

# how many epochs B needs to get below 0.001
n_needed = int(np.ceil(np.log(0.001) / np.log(1 - 2 * lr)))
print(f'epochs until B < 0.001: {n_needed}')
# --8<-- [end:b-decay]

# --8<-- [start:w-decay]
# the curvature along W, 2 * mean(X^2), and W after 500 epochs by the formula
mean_X2 = (X ** 2).mean().item()
print(f'2 * mean(X^2) = {2 * mean_X2:.1f}')

W_formula = W_star + (1 - W_star) * (1 - 2 * lr * mean_X2) ** num_epochs
print(f'W by the formula = {W_formula:.6f}')
print(f'W after the loop = {W.item():.6f}')
# --8<-- [end:w-decay]

# --8<-- [start:leftover]
# what is left in the last recorded loss (epoch 490) is almost exactly B^2
t = history[-1, 0]  # 490
B_t = (1 - 2 * lr) ** t  # B at epoch 490
print(f'B at epoch {t:.0f} = {B_t:.4f}  B^2 = {B_t ** 2:.4f}')
print(f'smallest loss + B^2 = {loss_min + B_t ** 2:.4f}')
print(f'recorded loss       = {history[-1, 1]:.4f}')
# --8<-- [end:leftover]

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
