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
# the smallest loss, and the answer gradient descent found (the final W and B, and the loss they give)
loss_min = mse(W_star * X + B_star, Y).item()
print(f'least squares   : W = {W_star:.7f}  B = {B_star:.7f}  loss = {loss_min:.4f}')
print(f'gradient descent: W = {W.item():.7f}  B = {B.item():.7f}  loss = {mse(W * X + B, Y).item():.4f}')

# how far W is from the answer
print(f'W* - W = {W_star - W.item():.1e}')
# --8<-- [end:min-loss]

# --8<-- [start:original-units]
# undo the centring to get the line in the original coordinates: y - mean = W* (x - mean)
intercept = y.mean() - W_star * x.mean()
sign = '-' if intercept < 0 else '+'
print(f'weight = {W_star:.5f} * height {sign} {abs(intercept):.3f}')

# compare with NumPy's fit of a degree 1 polynomial to the original data
slope, icept = np.polyfit(x, y, 1)
print(f'np.polyfit: slope = {slope:.5f}  intercept = {icept:.3f}')
# --8<-- [end:original-units]

# --8<-- [start:b-decay]
# the means of the centred data: exactly 0 when computed in float32
print(f'mean(X) = {X.mean().item()}  mean(Y) = {Y.mean().item()}')

# the values stored in float32, added up in float64: the mean of Y is a tiny bit off 0
print(f'float64: mean(X) = {X.double().mean().item()}  mean(Y) = {Y.double().mean().item():.1e}')

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
print(f'epoch {t:.0f}: B = {B_t:.4f}  B^2 = {B_t ** 2:.4f}')
print(f'smallest loss + B^2 = {loss_min + B_t ** 2:.4f}')
print(f'recorded loss       = {history[-1, 1]:.4f}')
# --8<-- [end:leftover]

# --8<-- [start:solution-1]
# train for 500 epochs at learning rate 0.005 (new names lr5, W5, B5; the page's W, B and lr stay as they are)
lr5 = 0.005
W5 = torch.tensor(1.0, requires_grad=True)
B5 = torch.tensor(1.0, requires_grad=True)
W5_trace = []  # W5 after the update of every epoch
for epoch in range(num_epochs):
    loss5 = mse(W5 * X + B5, Y)
    loss5.backward()
    with torch.no_grad():
        step_W5 = lr5 * W5.grad  # this epoch's step
        W5 -= step_W5
        B5 -= lr5 * B5.grad
    W5.grad.zero_()
    B5.grad.zero_()
    W5_trace.append(W5.item())

# does B follow B_t = (1 - 2 lr)^t?
print(f'B after 500 epochs  = {B5.item():.8f}')
print(f'(1 - 2 * lr) ** 500 = {(1 - 2 * lr5) ** num_epochs:.8f}')

# does W follow W_t = W* + (1 - W*)(1 - 2 lr mean(X^2))^t?
W5_formula = W_star + (1 - W_star) * (1 - 2 * lr5 * mean_X2) ** num_epochs
print(f'W after 500 epochs  = {W5.item():.7f}')
print(f'W by the formula    = {W5_formula:.7f}')
print(f'loss = {mse(W5 * X + B5, Y).item():.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-float32]
# the last epoch at which W5 changed
last_change = max(e for e in range(1, num_epochs) if W5_trace[e] != W5_trace[e - 1])
print(f'W last changed at epoch: {last_change}')

# the step of the last epoch, and half the gap between neighbouring float32 numbers near 1.82
print(f'last step lr * grad        = {step_W5.item():.2e}')
print(f'half the spacing near 1.82 = {np.spacing(np.float32(1.82)) / 2:.2e}')

# the same training in float64 (X and Y hold the values stored in float32)
X64, Y64 = X.double(), Y.double()
W64 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
B64 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
for epoch in range(num_epochs):
    mse(W64 * X64 + B64, Y64).backward()
    with torch.no_grad():
        W64 -= lr5 * W64.grad
        B64 -= lr5 * B64.grad
    W64.grad.zero_()
    B64.grad.zero_()

W64_star = ((X64 * Y64).sum() / (X64 ** 2).sum()).item()  # W* computed in float64
mean_Y64 = Y64.mean().item()  # the mean of Y computed in float64 (the 4.8e-08 of the page)
print(f'float64: W = {W64.item():.9f}  W* = {W64_star:.9f}')
print(f'float64: B = {B64.item():.8f}')
print(f'mean(Y) + (1 - mean(Y)) * (1 - 2 * lr) ** 500 = {mean_Y64 + (1 - mean_Y64) * (1 - 2 * lr5) ** num_epochs:.8f}')
# --8<-- [end:solution-1-float32]

# --8<-- [start:solution-2]
# split the loss recorded at epoch 250 into its three parts
t250 = history[25, 0]  # 250
B250 = (1 - 2 * lr) ** t250  # B at epoch 250
W250 = W_star + (1 - W_star) * (1 - 2 * lr * mean_X2) ** t250  # W at epoch 250
middle = mean_X2 * (W250 - W_star) ** 2  # the middle term
print(f'epoch {t250:.0f}: B^2 = {B250 ** 2:.4f}  middle term = {middle:.1e}')
print(f'smallest loss + B^2          = {loss_min + B250 ** 2:.4f}')
print(f'smallest loss + middle + B^2 = {loss_min + middle + B250 ** 2:.4f}')
print(f'recorded loss                = {history[25, 1]:.4f}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# change only the starting value of B to 0 and train for 500 epochs (new tensors W0, B0; the page's W and B stay, the learning rate is the page's lr)
W0 = torch.tensor(1.0, requires_grad=True)
B0 = torch.tensor(0.0, requires_grad=True)
for epoch in range(num_epochs):
    loss0 = mse(W0 * X + B0, Y)
    loss0.backward()
    with torch.no_grad():
        W0 -= lr * W0.grad
        B0 -= lr * B0.grad
    W0.grad.zero_()
    B0.grad.zero_()

print(f'W = {W0.item():.7f}  B = {B0.item():.1e}')
print(f'loss = {mse(W0 * X + B0, Y).item():.4f}  smallest loss = {loss_min:.4f}')
# --8<-- [end:solution-3]
