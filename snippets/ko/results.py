# 3.8 결과 살펴보기: 학습한 직선을 산포도 위에 그린다

# --8<-- [start:values]
# 학습이 끝난 파라미터를 파이썬 수로 꺼낸다
print(W.item())
print(B.item())

W_numpy = W.item()  # 직선의 기울기
B_numpy = B.item()  # 직선의 절편
# --8<-- [end:values]

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
# 평행이동한 데이터의 산포도와 회귀 직선 Y = W * X + B
plt.scatter(X, Y, c='k', s=100, label='데이터')
plt.plot([-5, 5], [W_numpy * -5 + B_numpy, W_numpy * 5 + B_numpy], c='b', label='회귀 직선')
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('평행이동한 데이터와 회귀 직선')
plt.legend()
plt.show()
# --8<-- [end:centred-plot]

# --8<-- [start:original]
# 평행이동을 되돌려 원래 단위(cm, kg)로 바꾼다
x_range = X_range + x.mean()
yp_range = Y_range + y.mean()
print(x_range)
print(yp_range.data)
# --8<-- [end:original]

# --8<-- [start:original-plot]
# 원래 데이터의 산포도와 회귀 직선
plt.scatter(x, y, c='k', s=50, label='데이터')
plt.plot(x_range, yp_range.data, lw=2, c='b', label='회귀 직선')
plt.xlabel('x: 신장 (cm)')
plt.ylabel('y: 체중 (kg)')
plt.title('신장과 체중의 회귀 직선')
plt.legend()
plt.show()
# --8<-- [end:original-plot]
