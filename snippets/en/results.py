# 3.8 Looking at the result: draw the learned line over the scatter plot

# --8<-- [start:values]
# take the trained parameters out as Python numbers
print(W.item())
print(B.item())

W_numpy = W.item()  # the slope of the line
B_numpy = B.item()  # its intercept
# --8<-- [end:values]

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
# the centred data and the regression line Y = W * X + B
plt.scatter(X, Y, c='k', s=100, label='data')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='regression line')
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('Centred data and the regression line')
plt.legend()
plt.show()
# --8<-- [end:centred-plot]

# --8<-- [start:original]
# undo the centring to get back to the original units (cm, kg)
x_range = X_range + x.mean()
yp_range = Y_range + y.mean()
print(x_range)
print(yp_range.data)
# --8<-- [end:original]

# --8<-- [start:original-plot]
# the original data and the regression line
plt.scatter(x, y, c='k', s=50, label='data')
plt.plot(x_range, yp_range.data, lw=2, c='b', label='regression line')
plt.xlabel('x: Height (cm)')
plt.ylabel('y: Weight (kg)')
plt.title('Height vs Weight with the regression line')
plt.legend()
plt.show()
# --8<-- [end:original-plot]
