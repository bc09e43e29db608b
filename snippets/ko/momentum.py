# 3.10 모멘텀: 이전 이동 방향을 기억해 학습을 빠르게 한다

# --8<-- [start:init]
# 초기화: W와 B를 초깃값 1.0으로 되돌린다
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # 반복 횟수
lr = 0.001  # 학습률
# --8<-- [end:init]

# --8<-- [start:optimizer]
# 옵티마이저: SGD에 모멘텀 0.9를 더한다
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)
# --8<-- [end:optimizer]

# --8<-- [start:loop]
# 손실의 기록: 순수 SGD의 history와 구별해 history2에 담는다
history2 = np.zeros((0, 2))

for epoch in range(num_epochs):
    Yp = pred(X)  # 예측 계산
    loss = mse(Yp, Y)  # 손실 계산

    loss.backward()  # 경사 계산
    optimizer.step()  # 파라미터 수정
    optimizer.zero_grad()  # 경사값 초기화

    # 10 에포크마다 손실을 기록하고 출력
    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history2 = np.vstack((history2, item))
        print(f'epoch = {epoch} loss = {loss:.4f}')
# --8<-- [end:loop]

# --8<-- [start:result]
# 최종 파라미터 값
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())

# 처음과 마지막 손실
print(f'초기상태 : 손실:{history2[0, 1]:.4f}')
print(f'최종상태 : 손실:{history2[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:curve]
# 두 학습 곡선을 한 그림에
plt.plot(history[:, 0], history[:, 1], 'r', label='SGD')
plt.plot(history2[:, 0], history2[:, 1], 'b', label='SGD + 모멘텀')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.legend()
plt.title('에포크에 따른 손실')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:faster]
# 순수 SGD가 마지막에 기록한 손실에 모멘텀은 몇 에포크 만에 닿았나
target = history[-1, 1]
reached = history2[history2[:, 1] <= target]
print(f'SGD          : epoch = {history[-1, 0]:.0f} loss = {target:.4f}')
print(f'SGD + 모멘텀 : epoch = {reached[0, 0]:.0f} loss = {reached[0, 1]:.4f}')
# --8<-- [end:faster]

# --8<-- [start:sgd-longer]
# 순수 SGD를 같은 학습률로 계속 학습해, 10 에포크마다 보는 손실이 모멘텀의 마지막 값이 되는 에포크를 찾는다
final2 = f'{history2[-1, 1]:.4f}'  # 모멘텀이 마지막에 기록한 손실 (소수 넷째 자리까지)
W_sgd = torch.tensor(1.0, requires_grad=True)
B_sgd = torch.tensor(1.0, requires_grad=True)
optimizer_sgd = optim.SGD([W_sgd, B_sgd], lr=lr)

epoch = 0
while True:
    loss_sgd = mse(W_sgd * X + B_sgd, Y)
    if epoch % 10 == 0 and f'{loss_sgd:.4f}' == final2:
        break
    optimizer_sgd.zero_grad()
    loss_sgd.backward()
    optimizer_sgd.step()
    epoch += 1

first2 = min(e for e, l in history2 if f'{l:.4f}' == final2)  # 모멘텀이 처음 그 값을 기록한 에포크
print(f'SGD          : epoch = {epoch} loss = {loss_sgd:.4f}')
print(f'SGD + 모멘텀 : epoch = {first2:.0f} loss = {final2}')
print('W = ', W_sgd.data.numpy(), ' B = ', B_sgd.data.numpy())
# --8<-- [end:sgd-longer]

# --8<-- [start:curvature]
# 손실 L(W, B)를 두 번 미분한 값: 손실 함수가 각 방향으로 얼마나 휘어 있는지
curv_W = 2 * (X ** 2).mean().item()  # W로 두 번: 2 × (X²의 평균)
curv_B = 2.0  # B로 두 번: 2
curv_WB = 2 * X.mean().item()  # W로 한 번, B로 한 번: 2 × (X의 평균)
print(f'd2L/dW2 = {curv_W:.1f}  d2L/dB2 = {curv_B:.1f}  d2L/dWdB = {curv_WB:.1f}')
# --8<-- [end:curvature]

# --8<-- [start:valley]
# W = B = 1에서 출발해 500 에포크 동안 지나간 (W, B)를 기록한다 (학습률 0.001)
def path(momentum):
    Wp = torch.tensor(1.0, requires_grad=True)
    Bp = torch.tensor(1.0, requires_grad=True)
    optimizer_p = optim.SGD([Wp, Bp], lr=lr, momentum=momentum)
    points = [(Wp.item(), Bp.item())]
    for epoch in range(num_epochs):
        optimizer_p.zero_grad()
        mse(Wp * X + Bp, Y).backward()
        optimizer_p.step()
        points.append((Wp.item(), Bp.item()))
    return np.array(points)

path_sgd = path(0.0)  # 순수 SGD
path_momentum = path(0.9)  # 모멘텀 0.9
print(f'SGD          : epoch = 500  B = {path_sgd[500, 1]:.4f}')
print(f'SGD + 모멘텀 : epoch =  50  B = {path_momentum[50, 1]:.4f}')

# 격자의 점마다 손실 L(W, B)를 계산한다
Wg, Bg = np.meshgrid(np.linspace(0.7, 2.5, 181), np.linspace(-0.3, 1.1, 141))
Lg = ((Wg[..., None] * X.numpy() + Bg[..., None] - Y.numpy()) ** 2).mean(axis=-1)
W_best = ((X * Y).sum() / (X ** 2).sum()).item()  # 손실이 가장 작은 W (B는 0)

plt.figure(figsize=(7, 5.4))
plt.contour(Wg, Bg, Lg, levels=[4.6, 4.8, 5.2, 6, 8, 11, 15, 20], colors='0.6', linewidths=0.8)
plt.plot(path_sgd[:, 0], path_sgd[:, 1], 'r', label='SGD')
plt.plot(path_sgd[::50, 0], path_sgd[::50, 1], 'r.', ms=8)  # 50 에포크마다 점
plt.plot(path_momentum[:, 0], path_momentum[:, 1], 'b', label='SGD + 모멘텀')
plt.plot(path_momentum[::50, 0], path_momentum[::50, 1], 'b.', ms=8)
plt.scatter(1.0, 1.0, c='k', s=40, zorder=3, label='출발점 (1, 1)')
plt.scatter(W_best, 0.0, c='k', marker='*', s=160, zorder=3, label='손실이 가장 작은 점')
plt.gca().set_aspect('equal')
plt.xlabel('W')
plt.ylabel('B')
plt.legend(loc='lower left')
plt.title('손실 L(W, B)의 등고선과 500 에포크 동안의 경로')
plt.show()
# --8<-- [end:valley]

# --8<-- [start:lr-limit]
# 학습률의 한계: 모멘텀이 없으면 2 / 23.2, 모멘텀 계수가 mu이면 2 × (1 + mu) / 23.2
mu = 0.9
print(f'2 / {curv_W:.1f} = {2 / curv_W:.4f}')
print(f'2 * (1 + {mu}) / {curv_W:.1f} = {2 * (1 + mu) / curv_W:.4f}')

# 한계 바로 아래(0.15)와 바로 위(0.17)에서 모멘텀 0.9로 100 에포크 학습하며 25 에포크마다 손실을 본다
for lr_try in [0.15, 0.17]:
    W_try = torch.tensor(1.0, requires_grad=True)
    B_try = torch.tensor(1.0, requires_grad=True)
    optimizer_try = optim.SGD([W_try, B_try], lr=lr_try, momentum=mu)
    losses_try = []
    for epoch in range(101):
        loss_try = mse(W_try * X + B_try, Y)
        losses_try.append(loss_try.item())
        optimizer_try.zero_grad()
        loss_try.backward()
        optimizer_try.step()
    print(f'lr = {lr_try}: ' + '  '.join(f'{l:.5g}' for l in losses_try[::25]))
# --8<-- [end:lr-limit]

# --8<-- [start:momentum-logic]
# 모멘텀이 있을 때 step()이 하는 일을 함수로 쓴 것
def momentum_step(params, velocities, lr, momentum):
    with torch.no_grad():
        for p, v in zip(params, velocities):
            v.mul_(momentum).add_(p.grad)  # v ← momentum * v + 경사
            p.add_(v, alpha=-lr)  # p ← p - lr * v
# --8<-- [end:momentum-logic]

# --8<-- [start:momentum-check]
# momentum_step()으로 500 에포크를 다시 학습해 옵티마이저의 결과와 비교
Wm = torch.tensor(1.0, requires_grad=True)
Bm = torch.tensor(1.0, requires_grad=True)
velocities = [torch.zeros(()), torch.zeros(())]  # 속도는 0에서 시작

for epoch in range(num_epochs):
    mse(Wm * X + Bm, Y).backward()
    momentum_step([Wm, Bm], velocities, lr, 0.9)
    Wm.grad.zero_()
    Bm.grad.zero_()

print('W = ', Wm.data.numpy())
print('B = ', Bm.data.numpy())
print(torch.equal(Wm, W), torch.equal(Bm, B))
# --8<-- [end:momentum-check]

# --8<-- [start:by-hand]
# 마지막 줄만 p -= lr * v로 바꾼 함수
def momentum_step_by_hand(params, velocities, lr, momentum):
    with torch.no_grad():
        for p, v in zip(params, velocities):
            v.mul_(momentum).add_(p.grad)  # 앞의 함수와 같다
            p -= lr * v  # lr * v를 먼저 float32로 반올림한 뒤 뺀다

Wh = torch.tensor(1.0, requires_grad=True)
Bh = torch.tensor(1.0, requires_grad=True)
velocities_h = [torch.zeros(()), torch.zeros(())]

for epoch in range(num_epochs):
    mse(Wh * X + Bh, Y).backward()
    momentum_step_by_hand([Wh, Bh], velocities_h, lr, 0.9)
    Wh.grad.zero_()
    Bh.grad.zero_()

print('p -= lr * v : W =', Wh.data.numpy(), ' B =', Bh.data.numpy())
print('optim.SGD   : W =', W.data.numpy(), ' B =', B.data.numpy())
print(torch.equal(Wh, W), torch.equal(Bh, B))
print(f'{(Bh - B).item():.1e}')  # B의 차이
# --8<-- [end:by-hand]

# --8<-- [start:solution-1]
# 모멘텀 계수 0.5, 0.9, 0.99로 같은 학습을 한다 (계수마다 W = B = 1.0과 새 옵티마이저에서 출발, 학습률은 본문의 0.001)
# (0.99의 흔들림은 주기가 짧아 10 에포크마다 기록하면 모양이 일그러지므로, 손실을 에포크마다 기록한다)
losses_mu = {}
for mu_try in [0.5, 0.9, 0.99]:
    W = torch.tensor(1.0, requires_grad=True).float()
    B = torch.tensor(1.0, requires_grad=True).float()
    optimizer = optim.SGD([W, B], lr=lr, momentum=mu_try)
    losses = []
    for epoch in range(num_epochs):
        Yp = pred(X)
        loss = mse(Yp, Y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    losses_mu[mu_try] = np.array(losses)

# rise: 그때까지 가장 낮았던 손실보다 다시 올라간 폭 가운데 가장 큰 것
for mu_try, losses in losses_mu.items():
    rise = (losses - np.minimum.accumulate(losses)).max()
    print(f'momentum = {mu_try:<4}  rise = {rise:.4f}  loss = {losses[-1]:.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
for mu_try, colour in [(0.5, 'g'), (0.9, 'b'), (0.99, 'm')]:
    plt.plot(losses_mu[mu_try], colour, lw=1, label=f'μ = {mu_try}')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.legend()
plt.title('모멘텀 계수에 따른 학습 곡선')
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
# 본문과 같은 출발점: W = B = 1.0, 학습률 0.001, 모멘텀 0.9의 새 옵티마이저
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)

# optimizer.zero_grad()를 loss.backward() 바로 앞으로 옮긴 반복 계산 (출력 50줄은 빼고 history2_moved에 기록만 한다)
history2_moved = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    optimizer.zero_grad()  # 경사값 초기화 (여기로 옮겼다)
    loss.backward()
    optimizer.step()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history2_moved = np.vstack((history2_moved, item))

print(np.array_equal(history2_moved, history2))  # 본문의 기록 history2와 같은가
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# 본문과 같은 출발점: W = B = 1.0, 학습률 0.001, 모멘텀 0.9의 새 옵티마이저
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr, momentum=0.9)

W_list = []  # 에포크마다 수정한 뒤의 W
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    W_list.append(W.item())

top = int(np.argmax(W_list))  # W가 가장 커진 에포크
bottom = top + int(np.argmin(W_list[top:]))  # 그 뒤로 가장 작아진 에포크
print(f'W_best = {W_best:.4f}')
print(f'epoch = {top}  W = {W_list[top]:.4f}')
print(f'epoch = {bottom}  W = {W_list[bottom]:.4f}')
print(f'epoch = 499  W = {W_list[-1]:.4f}')
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
plt.plot(W_list, 'b', label='SGD + 모멘텀')
plt.plot(path_sgd[1:, 0], 'r', label='SGD (골짜기 그림의 경로)')
plt.axhline(W_best, color='k', ls='--', lw=1, label='손실이 가장 작은 W')
plt.xlabel('에포크')
plt.ylabel('W')
plt.legend()
plt.title('에포크마다 수정한 뒤의 W')
plt.show()
# --8<-- [end:solution-3-plot]
