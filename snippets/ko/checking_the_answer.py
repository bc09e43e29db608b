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
# 가장 작은 손실과, 경사 하강법이 찾은 답(마지막 W, B와 그 W, B로 계산한 손실)의 비교
loss_min = mse(W_star * X + B_star, Y).item()
print(f'최소제곱법  : W = {W_star:.7f}  B = {B_star:.7f}  loss = {loss_min:.4f}')
print(f'경사 하강법 : W = {W.item():.7f}  B = {B.item():.7f}  loss = {mse(W * X + B, Y).item():.4f}')

# W가 정답에서 얼마나 떨어져 있는지
print(f'W* - W = {W_star - W.item():.1e}')
# --8<-- [end:min-loss]

# --8<-- [start:original-units]
# 평행이동을 되돌려 원래 단위의 직선으로: y - 평균 = W* (x - 평균)
intercept = y.mean() - W_star * x.mean()
sign = '-' if intercept < 0 else '+'
print(f'체중 = {W_star:.5f} * 신장 {sign} {abs(intercept):.3f}')

# NumPy의 1차 다항식 적합으로 원래 데이터에서 바로 구해 비교
slope, icept = np.polyfit(x, y, 1)
print(f'np.polyfit: 기울기 = {slope:.5f}  절편 = {icept:.3f}')
# --8<-- [end:original-units]

# --8<-- [start:b-decay]
# 평행이동한 데이터의 평균: float32로 계산하면 정확히 0이다
print(f'mean(X) = {X.mean().item()}  mean(Y) = {Y.mean().item()}')

# float32로 저장된 값을 float64로 더하면, Y의 평균은 0에서 아주 조금 벗어나 있다
print(f'float64: mean(X) = {X.double().mean().item()}  mean(Y) = {Y.double().mean().item():.1e}')

# 그래서 B에 대한 경사는 2B이고, 한 번 수정할 때마다 B에 (1 - 2 lr)이 곱해진다
print(f'(1 - 2 * lr) ** 500 = {(1 - 2 * lr) ** num_epochs:.6f}')
print(f'반복 계산 뒤의 B    = {B.item():.6f}')

# B가 0.001보다 작아지려면 몇 에포크가 필요한가
n_needed = int(np.ceil(np.log(0.001) / np.log(1 - 2 * lr)))
print(f'B가 0.001보다 작아지는 에포크: {n_needed}')
# --8<-- [end:b-decay]

# --8<-- [start:w-decay]
# W 방향의 곡률 2 * mean(X^2)와, 식으로 계산한 500 에포크 뒤의 W
mean_X2 = (X ** 2).mean().item()
print(f'2 * mean(X^2) = {2 * mean_X2:.1f}')

W_formula = W_star + (1 - W_star) * (1 - 2 * lr * mean_X2) ** num_epochs
print(f'식으로 계산한 W  = {W_formula:.6f}')
print(f'반복 계산 뒤의 W = {W.item():.6f}')
# --8<-- [end:w-decay]

# --8<-- [start:leftover]
# 마지막으로 기록한 손실(에포크 490)에서 남은 부분은 거의 B^2
t = history[-1, 0]  # 490
B_t = (1 - 2 * lr) ** t  # 에포크 490의 B
print(f'에포크 {t:.0f}: B = {B_t:.4f}  B^2 = {B_t ** 2:.4f}')
print(f'최소 손실 + B^2 = {loss_min + B_t ** 2:.4f}')
print(f'기록된 손실     = {history[-1, 1]:.4f}')
# --8<-- [end:leftover]

# --8<-- [start:solution-1]
# 학습률 0.005로 500 에포크 학습한다 (본문의 W, B, lr은 그대로 두고 새 이름 lr5, W5, B5로)
lr5 = 0.005
W5 = torch.tensor(1.0, requires_grad=True)
B5 = torch.tensor(1.0, requires_grad=True)
W5_trace = []  # 에포크마다 수정한 뒤의 W5
for epoch in range(num_epochs):
    loss5 = mse(W5 * X + B5, Y)
    loss5.backward()
    with torch.no_grad():
        step_W5 = lr5 * W5.grad  # 이번 에포크의 걸음
        W5 -= step_W5
        B5 -= lr5 * B5.grad
    W5.grad.zero_()
    B5.grad.zero_()
    W5_trace.append(W5.item())

# B는 B_t = (1 - 2 lr)^t를 따르는가
print(f'500 에포크 뒤의 B   = {B5.item():.8f}')
print(f'(1 - 2 * lr) ** 500 = {(1 - 2 * lr5) ** num_epochs:.8f}')

# W는 W_t = W* + (1 - W*)(1 - 2 lr mean(X^2))^t를 따르는가
W5_formula = W_star + (1 - W_star) * (1 - 2 * lr5 * mean_X2) ** num_epochs
print(f'500 에포크 뒤의 W   = {W5.item():.7f}')
print(f'식으로 계산한 W     = {W5_formula:.7f}')
print(f'손실 = {mse(W5 * X + B5, Y).item():.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-float32]
# W5가 마지막으로 바뀐 에포크
last_change = max(e for e in range(1, num_epochs) if W5_trace[e] != W5_trace[e - 1])
print(f'W가 마지막으로 바뀐 에포크: {last_change}')

# 마지막 에포크의 걸음과, 1.82 근처에서 float32로 나타낼 수 있는 두 수 사이 간격의 절반
print(f'마지막 걸음 lr * grad    = {step_W5.item():.2e}')
print(f'1.82 근처 간격의 절반    = {np.spacing(np.float32(1.82)) / 2:.2e}')

# 같은 학습을 float64로 (X, Y는 float32로 저장된 값 그대로)
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

W64_star = ((X64 * Y64).sum() / (X64 ** 2).sum()).item()  # float64로 계산한 W*
mean_Y64 = Y64.mean().item()  # float64로 계산한 Y의 평균 (본문의 4.8e-08)
print(f'float64: W = {W64.item():.9f}  W* = {W64_star:.9f}')
print(f'float64: B = {B64.item():.8f}')
print(f'mean(Y) + (1 - mean(Y)) * (1 - 2 * lr) ** 500 = {mean_Y64 + (1 - mean_Y64) * (1 - 2 * lr5) ** num_epochs:.8f}')
# --8<-- [end:solution-1-float32]

# --8<-- [start:solution-2]
# 에포크 250의 기록에서 손실을 세 부분으로 나눈다
t250 = history[25, 0]  # 250
B250 = (1 - 2 * lr) ** t250  # 에포크 250의 B
W250 = W_star + (1 - W_star) * (1 - 2 * lr * mean_X2) ** t250  # 에포크 250의 W
middle = mean_X2 * (W250 - W_star) ** 2  # 가운데 항
print(f'에포크 {t250:.0f}: B^2 = {B250 ** 2:.4f}  가운데 항 = {middle:.1e}')
print(f'최소 손실 + B^2             = {loss_min + B250 ** 2:.4f}')
print(f'최소 손실 + 가운데 항 + B^2 = {loss_min + middle + B250 ** 2:.4f}')
print(f'기록된 손실                 = {history[25, 1]:.4f}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# B의 초깃값만 0으로 바꾸어 500 에포크 학습한다 (본문의 W, B는 그대로 두고 새 텐서 W0, B0으로, 학습률은 본문의 lr)
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
print(f'손실 = {mse(W0 * X + B0, Y).item():.4f}  최소 손실 = {loss_min:.4f}')
# --8<-- [end:solution-3]
