# 3.4 손실 계산: 평균제곱오차

# --8<-- [start:mse]
# 손실 함수: 평균제곱오차(MSE)
def mse(Yp, Y):
    loss = ((Yp - Y) ** 2).mean()
    return loss
# --8<-- [end:mse]

# --8<-- [start:loss]
# 손실 계산
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:loss]

# --8<-- [start:graph]
# 손실의 계산 그래프
params = {'W': W, 'B': B}
g = make_dot(loss, params=params)
display(g)
# --8<-- [end:graph]

# --8<-- [start:solution-1]
# 다섯 개의 오차, 그 제곱, 제곱의 평균
with torch.no_grad():
    errors = Yp - Y
print(errors)
print(errors ** 2)
print(f'{(errors ** 2).sum().item():.2f}')
print(f'{(errors ** 2).mean().item():.4f}')
print(f'{(errors ** 2)[errors.abs() > 4].sum().item():.2f}')  # 오차의 크기가 4보다 큰 세 사람의 제곱의 합
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# W와 B를 초깃값 1.8, 0.0으로 다시 만들고 예측 계산과 손실 계산을 다시 한다
W = torch.tensor(1.8, requires_grad=True).float()
B = torch.tensor(0.0, requires_grad=True).float()
Yp = pred(X)
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-plot]
# 평행이동한 산점도 위에 두 직선을 겹쳐 그린다
X_line = np.array([-5.0, 5.0])
plt.scatter(X, Y, c='k', s=50)
plt.plot(X_line, 1.0 * X_line + 1.0, 'r--', label='W = 1, B = 1 (처음 값)')
plt.plot(X_line, 1.8 * X_line + 0.0, 'b', label='W = 1.8, B = 0')
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('평행이동한 데이터와 두 직선')
plt.legend()
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
# 오차의 절댓값을 평균하는 손실과 그 계산 그래프 (W와 B는 본문의 초깃값 1로 다시 만든다)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
Yp = pred(X)
loss_abs = (Yp - Y).abs().mean()
print(loss_abs)
params = {'W': W, 'B': B}
g = make_dot(loss_abs, params=params)
display(g)
# --8<-- [end:solution-3]
