# 3.4 Loss: the mean squared error

# --8<-- [start:mse]
# the loss function: mean squared error (MSE)
def mse(Yp, Y):
    loss = ((Yp - Y) ** 2).mean()
    return loss
# --8<-- [end:mse]

# --8<-- [start:loss]
# compute the loss
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:loss]

# --8<-- [start:graph]
# the computation graph of the loss
params = {'W': W, 'B': B}
g = make_dot(loss, params=params)
display(g)
# --8<-- [end:graph]

# --8<-- [start:solution-1]
# the five errors, their squares and the mean of the squares
with torch.no_grad():
    errors = Yp - Y
print(errors)
print(errors ** 2)
print(f'{(errors ** 2).sum().item():.2f}')
print(f'{(errors ** 2).mean().item():.4f}')
print(f'{(errors ** 2)[errors.abs() > 4].sum().item():.2f}')  # the sum of the squares of the three people whose error is larger than 4 in size
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# create W and B again, starting at 1.8 and 0.0, and compute the predictions and the loss again
W = torch.tensor(1.8, requires_grad=True).float()
B = torch.tensor(0.0, requires_grad=True).float()
Yp = pred(X)
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-plot]
# the centred scatter plot with both lines on top
X_line = np.array([-5.0, 5.0])
plt.scatter(X, Y, c='k', s=50)
plt.plot(X_line, 1.0 * X_line + 1.0, 'r--', label='W = 1, B = 1 (start)')
plt.plot(X_line, 1.8 * X_line + 0.0, 'b', label='W = 1.8, B = 0')
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('Centred data and two lines')
plt.legend()
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
# the mean of the absolute errors as the loss, and its computation graph (W and B made again at the page's starting value 1)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
Yp = pred(X)
loss_abs = (Yp - Y).abs().mean()
print(loss_abs)
params = {'W': W, 'B': B}
g = make_dot(loss_abs, params=params)
display(g)
# --8<-- [end:solution-3]
