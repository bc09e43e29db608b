# 3.8 결과 살펴보기: 학습한 직선을 산점도 위에 그린다

# --8<-- [start:values]
# 학습이 끝난 파라미터를 파이썬 숫자(float)로 꺼낸다
print(W.item())
print(B.item())

W_numpy = W.item()  # 직선의 기울기
B_numpy = B.item()  # 직선의 절편
# --8<-- [end:values]

# --8<-- [start:digits]
# float32의 유효숫자는 7자리 정도다: W에서 바로 다음 float32 수까지의 간격과,
# W와 B를 유효숫자 7자리로 반올림한 직선
print(np.spacing(np.float32(W_numpy)))
print(f'Y = {W_numpy:.7g} X + {B_numpy:.7g}')
# --8<-- [end:digits]

# --8<-- [start:x-range]
# X의 범위: 가장 작은 값과 가장 큰 값
X_max = X.max()
X_min = X.min()
X_range = np.array((X_min, X_max))
X_range = torch.from_numpy(X_range).float()
print(X_range)
# --8<-- [end:x-range]

# --8<-- [start:y-range]
# 범위의 양 끝에 대응하는 예측값
Y_range = pred(X_range)
print(Y_range.data)
# --8<-- [end:y-range]

# --8<-- [start:centred-plot]
# 평행이동한 데이터의 산점도와 500 에포크 뒤의 직선 Y = W * X + B
plt.scatter(X, Y, c='k', s=100, label='데이터')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='500 에포크 뒤의 직선')
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('평행이동한 데이터와 500 에포크 뒤의 직선')
plt.legend()
plt.show()
# --8<-- [end:centred-plot]

# --8<-- [start:intercept]
# 평균점(X와 Y의 평균)과, X = 0에서 직선의 높이
print(f'{X.mean().item():.4f} {Y.mean().item():.4f}')
print(f'{pred(torch.tensor(0.0)).item():.4f}')
# --8<-- [end:intercept]

# --8<-- [start:original]
# 평행이동을 되돌려 원래 단위(cm, kg)로 바꾼다
x_range = X_range + x.mean()
yp_range = Y_range + y.mean()
print(x_range)
print(yp_range.data)
# --8<-- [end:original]

# --8<-- [start:original-plot]
# 원래 데이터의 산점도와 같은 직선
plt.scatter(x, y, c='k', s=50, label='데이터')
plt.plot(x_range, yp_range.data, lw=2, c='b', label='500 에포크 뒤의 직선')
plt.xlabel('x: 신장 (cm)')
plt.ylabel('y: 체중 (kg)')
plt.title('신장과 체중: 500 에포크 뒤의 직선')
plt.legend()
plt.show()
# --8<-- [end:original-plot]

# --8<-- [start:solution-1]
# 풀이 1: 두 방법으로 구한 양 끝의 높이를 비교하고, X_range와 Y_range로 직선을 그린다
print(f'{W_numpy * -5 + B_numpy:.4f} {W_numpy * 5 + B_numpy:.4f}')
print(Y_range.data)

plt.scatter(X, Y, c='k', s=100, label='데이터')
plt.plot(X_range.data, Y_range.data, c='b', label='500 에포크 뒤의 직선')
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('양 끝 텐서로 그린 같은 직선')
plt.legend()
plt.show()
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 풀이 2: 키 180 cm를 평행이동해 예측하고, 체중의 평균을 다시 더한다
X_180 = 180 - x.mean()
print(X_180)  # 평행이동한 키
print((pred(X_180) + y.mean()).data)  # 예측한 체중 (kg)
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# 풀이 3: W = B = 1.0에서 다시 시작해 3000 에포크 동안 학습한다 (중간에는 출력하지 않는다)
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
# 500 에포크 뒤의 직선(W_numpy, B_numpy)과 3000 에포크 뒤의 직선을 함께 그리고,
# 평균점 (0, 0)을 x로 표시한다
W_3000 = W.item()
B_3000 = B.item()
plt.scatter(X, Y, c='k', s=100, label='데이터')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='500 에포크')
plt.plot([-5, 5], [W_3000 * -5 + B_3000, W_3000 * 5 + B_3000], c='r', ls='--', label='3000 에포크')
plt.scatter([0], [0], c='r', marker='x', s=80, label='평균점')
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('에포크를 늘린 뒤의 직선')
plt.legend()
plt.show()
# --8<-- [end:solution-3-plot]
