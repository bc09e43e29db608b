# 3.8 Looking at the result: draw the learned line over the scatter plot

# --8<-- [start:values]
# take the trained parameters out as Python floats
print(W.item())
print(B.item())

W_numpy = W.item()  # the slope of the line
B_numpy = B.item()  # its intercept
# --8<-- [end:values]

# --8<-- [start:digits]
# a float32 holds about 7 significant digits: the gap from W to the next float32 number,
# then the line with W and B rounded to 7 significant digits
print(np.spacing(np.float32(W_numpy)))
print(f'Y = {W_numpy:.7g} X + {B_numpy:.7g}')
# --8<-- [end:digits]

# --8<-- [start:x-range]
# the range of X: its smallest and its largest value
X_max = X.max()
X_min = X.min()
X_range = np.array((X_min, X_max))
X_range = torch.from_numpy(X_range).float()
print(X_range)
# --8<-- [end:x-range]

# --8<-- [start:y-range]
# the predictions at both ends of the range
Y_range = pred(X_range)
print(Y_range.data)
# --8<-- [end:y-range]

# --8<-- [start:centred-plot]
# the centred data and the fitted line after 500 epochs, Y = W * X + B
plt.scatter(X, Y, c='k', s=100, label='data')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='fitted line (500 epochs)')
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('Centred data and the fitted line after 500 epochs')
plt.legend()
plt.show()
# --8<-- [end:centred-plot]

# --8<-- [start:intercept]
# the mean point (the means of X and Y), and the height of the line at X = 0
print(f'{X.mean().item():.4f} {Y.mean().item():.4f}')
print(f'{pred(torch.tensor(0.0)).item():.4f}')
# --8<-- [end:intercept]

# --8<-- [start:original]
# undo the centring to get back to the original coordinates
x_range = X_range + x.mean()
yp_range = Y_range + y.mean()
print(x_range)
print(yp_range.data)
# --8<-- [end:original]

# --8<-- [start:original-plot]
# the original data and the same line
plt.scatter(x, y, c='k', s=50, label='data')
plt.plot(x_range, yp_range.data, lw=2, c='b', label='fitted line (500 epochs)')
plt.xlabel('x: Height (cm)')
plt.ylabel('y: Weight (kg)')
plt.title('Height vs Weight: the fitted line after 500 epochs')
plt.legend()
plt.show()
# --8<-- [end:original-plot]

# --8<-- [start:solution-1]
# Solution 1: compare the heights at both ends found both ways, and draw the line from X_range and Y_range
print(f'{W_numpy * -5 + B_numpy:.4f} {W_numpy * 5 + B_numpy:.4f}')
print(Y_range.data)

plt.scatter(X, Y, c='k', s=100, label='data')
plt.plot(X_range.data, Y_range.data, c='b', label='fitted line (500 epochs)')
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('The same line, drawn from the two end tensors')
plt.legend()
plt.show()
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# Solution 2: centre the height 180 cm, predict, and add the mean weight back
X_180 = 180 - x.mean()
print(X_180)  # the centred height
print((pred(X_180) + y.mean()).data)  # the predicted weight (kg)
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# Solution 3: start again from W = B = 1.0 and train for 3000 epochs, printing nothing on the way
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001

for epoch in range(3000):
    loss = mse(pred(X), Y)
    loss.backward()
    with torch.no_grad():
        W -= lr * W.grad
        B -= lr * B.grad
    W.grad.zero_()
    B.grad.zero_()

print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
print(f'{pred(torch.tensor(0.0)).item():.4f}')
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
# the line after 500 epochs (W_numpy, B_numpy), the line after 3000 epochs,
# and the mean point (0, 0) marked with an x
W_3000 = W.item()
B_3000 = B.item()
plt.scatter(X, Y, c='k', s=100, label='data')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='500 epochs')
plt.plot([-5, 5], [W_3000 * -5 + B_3000, W_3000 * 5 + B_3000], c='r', ls='--', label='3000 epochs')
plt.scatter([0], [0], c='r', marker='x', s=80, label='mean point')
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('The fitted line after more epochs')
plt.legend()
plt.show()
# --8<-- [end:solution-3-plot]
