# 3.11 답 확인하기: 경사 하강법이 찾은 답을 식으로 구한 답과 비교한다

# --8<-- [start:least-squares]
# 평행이동한 데이터에서 최소제곱법의 답을 식으로 구한다
Sxx = (X ** 2).sum()  # X의 제곱합
Sxy = (X * Y).sum()  # X와 Y를 곱한 값의 합
W_star = (Sxy / Sxx).item()  # 기울기
B_star = (Y.mean() - W_star * X.mean()).item()  # 절편

print(f'Sxx = {Sxx.item():.1f}  Sxy = {Sxy.item():.1f}')
print(f'W* = {W_star:.7f}  B* = {B_star:.7f}')
# --8<-- [end:least-squares]

# --8<-- [start:min-loss]
# 가장 작은 손실과, 경사 하강법이 찾은 답의 비교
loss_min = mse(W_star * X + B_star, Y).item()
print(f'least squares   : W = {W_star:.7f}  B = {B_star:.7f}  loss = {loss_min:.4f}')
print(f'gradient descent: W = {W.item():.7f}  B = {B.item():.7f}  loss = {history[-1, 1]:.4f}')
# --8<-- [end:min-loss]

# --8<-- [start:original-units]
# 평행이동을 되돌려 원래 단위의 직선으로: y - 평균 = W* (x - 평균)
intercept = y.mean() - W_star * x.mean()
sign = '-' if intercept < 0 else '+'
print(f'weight = {W_star:.5f} * height {sign} {abs(intercept):.3f}')

# NumPy의 직선 맞춤(1차 다항식)으로 원래 데이터에서 바로 구해 비교
slope, icept = np.polyfit(x, y, 1)
print(f'np.polyfit: slope = {slope:.5f}  intercept = {icept:.3f}')
# --8<-- [end:original-units]

# --8<-- [start:b-decay]
# 평행이동한 데이터는 평균이 정확히 0이다
print(f'mean(X) = {X.mean().item()}  mean(Y) = {Y.mean().item()}')

# 그래서 B에 대한 경사는 2B이고, 한 번 수정할 때마다 B에 (1 - 2 lr)이 곱해진다
print(f'(1 - 2 * lr) ** 500 = {(1 - 2 * lr) ** num_epochs:.6f}')
print(f'B after the loop    = {B.item():.6f}')

# B가 0.001보다 작아지려면 몇 에포크가 필요한가
n_needed = int(np.ceil(np.log(0.001) / np.log(1 - 2 * lr)))
print(f'epochs until B < 0.001: {n_needed}')
# --8<-- [end:b-decay]

# --8<-- [start:w-decay]
# W 방향의 곡률 2 * mean(X^2)와, 식으로 계산한 500 에포크 뒤의 W
mean_X2 = (X ** 2).mean().item()
print(f'2 * mean(X^2) = {2 * mean_X2:.1f}')

W_formula = W_star + (1 - W_star) * (1 - 2 * lr * mean_X2) ** num_epochs
print(f'W by the formula = {W_formula:.6f}')
print(f'W after the loop = {W.item():.6f}')
# --8<-- [end:w-decay]

# --8<-- [start:leftover]
# 마지막으로 기록한 손실(에포크 490)에서 남은 부분은 거의 B^2
t = history[-1, 0]  # 490
B_t = (1 - 2 * lr) ** t  # 에포크 490의 B
print(f'B at epoch {t:.0f} = {B_t:.4f}  B^2 = {B_t ** 2:.4f}')
print(f'smallest loss + B^2 = {loss_min + B_t ** 2:.4f}')
print(f'recorded loss       = {history[-1, 1]:.4f}')
# --8<-- [end:leftover]
