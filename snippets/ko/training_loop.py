# 3.7 반복 계산: 500 에포크 동안 경사 하강법

# --8<-- [start:init]
# 초기화: W와 B를 초깃값 1.0으로 되돌린다
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # 반복 횟수
lr = 0.001  # 학습률

# 손실의 기록: 한 행이 [에포크, 손실]
history = np.zeros((0, 2))
# --8<-- [end:init]

# --8<-- [start:loop]
for epoch in range(num_epochs):
    Yp = pred(X)  # 예측 계산
    loss = mse(Yp, Y)  # 손실 계산
    loss.backward()  # 경사 계산

    with torch.no_grad():  # 파라미터 수정
        W -= lr * W.grad
        B -= lr * B.grad

    # 경사값 초기화
    W.grad.zero_()
    B.grad.zero_()

    # 10 에포크마다 손실을 기록하고 출력
    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history = np.vstack((history, item))
        print(f'epoch = {epoch} loss = {loss:.4f}')
# --8<-- [end:loop]

# --8<-- [start:result]
# 최종 파라미터 값
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())

# 처음과 마지막 손실
print(f'초기상태 : 손실:{history[0, 1]:.4f}')
print(f'최종상태 : 손실:{history[-1, 1]:.4f}')
# --8<-- [end:result]

# --8<-- [start:b-power]
# 파이썬이 64비트 실수로 계산한 (1 - 2 lr)의 500제곱과, 반복문이 32비트 실수로 구한 B
print(f'(1 - 2 lr)^500, 64비트: {(1 - 2 * lr) ** num_epochs:.7f}')
print(f'반복문의 B, 32비트: {B.item():.7f}')
# --8<-- [end:b-power]

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.title('학습 곡선')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:solution-1]
# 풀이 1: W = B = 1.0에서 다시 시작해 2000 에포크 동안 학습한다 (기록은 history_2000에)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
history_2000 = np.zeros((0, 2))

for epoch in range(2000):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()

    with torch.no_grad():
        W -= lr * W.grad
        B -= lr * B.grad

    W.grad.zero_()
    B.grad.zero_()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_2000 = np.vstack((history_2000, item))
    if epoch % 500 == 0:  # 출력은 500 에포크마다만 한다
        print(f'epoch = {epoch} loss = {loss:.4f}')

# 마지막 기록(에포크 1990), 최종 파라미터, 그리고 (1 - 2 lr)의 2000제곱
print(f'epoch = {history_2000[-1, 0]:.0f} loss = {history_2000[-1, 1]:.4f}')
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
print(f'{(1 - 2 * lr) ** 2000:.7f}')  # B가 매번 (1 - 2 lr)배가 된다면 B는 이 값에 아주 가깝다
# --8<-- [end:solution-1]

# --8<-- [start:solution-2]
# 풀이 2: W = B = 1.0에서 다시 시작해, 경사값 초기화 두 줄이 없는 반복문으로 500 에포크 (손실은 에포크마다 기록)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
history_no_reset = np.zeros((0, 2))

for epoch in range(500):
    Yp = pred(X)
    loss = mse(Yp, Y)
    loss.backward()  # 경사가 .grad에 계속 더해진다

    with torch.no_grad():
        W -= lr * W.grad
        B -= lr * B.grad

    # W.grad.zero_()와 B.grad.zero_()가 없다
    item = np.array([epoch, loss.item()])
    history_no_reset = np.vstack((history_no_reset, item))

lowest = history_no_reset[:, 1].argmin()  # 손실이 가장 낮았던 에포크
print(f'epoch = {lowest} loss = {history_no_reset[lowest, 1]:.4f}')
print(f'epoch = {epoch} loss = {loss:.4f}')
print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
# --8<-- [end:solution-2]

# --8<-- [start:solution-2-plot]
# 본문의 학습 곡선(초기화함)과 한 그림에 그린다
plt.plot(history[:, 0], history[:, 1], 'b', label='초기화함')
plt.plot(history_no_reset[:, 0], history_no_reset[:, 1], 'r', label='초기화하지 않음')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.title('경사값 초기화를 빠뜨린 학습 곡선')
plt.ylim(top=16)
plt.legend(loc='upper right', ncol=2)
plt.show()
# --8<-- [end:solution-2-plot]

# --8<-- [start:solution-3]
# 풀이 3: 학습률 0.01과 0.1로 500 에포크씩 학습하고, 손실을 에포크마다 기록한다
histories_3 = {}
for lr in [0.01, 0.1]:
    W = torch.tensor(1.0, requires_grad=True).float()
    B = torch.tensor(1.0, requires_grad=True).float()
    losses = []
    for epoch in range(500):
        Yp = pred(X)
        loss = mse(Yp, Y)
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            B -= lr * B.grad
        W.grad.zero_()
        B.grad.zero_()
        losses.append(loss.item())
    histories_3[lr] = np.array(losses)

fast, wild = histories_3[0.01], histories_3[0.1]
print(f'lr = 0.01: epoch = 10 loss = {fast[10]:.4f}, epoch = 490 loss = {fast[490]:.4f}')
print(f'lr = 0.1: epoch = 10 loss = {wild[10]:.4f}, epoch = 100 loss = {wild[100]:.3e}')
print('inf:', np.isinf(wild).argmax(), ' nan:', np.isnan(wild).argmax())  # 0.1에서 손실이 처음 inf(무한대), nan(숫자가 아님)이 된 에포크
# --8<-- [end:solution-3]

# --8<-- [start:solution-3-plot]
# 왼쪽: 학습률 0.001(본문의 곡선)과 0.01, 오른쪽: 0.1 (세로축은 로그 눈금)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(history[:, 0], history[:, 1], 'b', label='학습률 0.001')
ax1.plot(fast, 'g', label='학습률 0.01')
ax1.set_xlabel('에포크')
ax1.set_ylabel('손실')
ax1.set_title('수렴하는 두 학습률')
ax1.legend()
ax2.plot(wild[np.isfinite(wild)], 'r', label='학습률 0.1')
ax2.set_yscale('log')
ax2.set_xlabel('에포크')
ax2.set_ylabel('손실 (로그 눈금)')
ax2.set_title('발산하는 학습률')
ax2.legend()
plt.show()
# --8<-- [end:solution-3-plot]
