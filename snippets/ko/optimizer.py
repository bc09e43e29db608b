# 3.9 최적화 함수: optim.SGD가 파라미터 수정을 대신한다

# --8<-- [start:keep]
# 앞 페이지에서 직접 수정하며 얻은 결과를 비교용으로 보관
history_manual = history  # 같은 배열에 이름을 하나 더 붙인다
W_manual = W.item()
B_manual = B.item()
# --8<-- [end:keep]

# --8<-- [start:init]
# 초기화: W와 B를 초깃값 1.0으로 되돌린다
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # 반복 횟수
lr = 0.001  # 학습률
# --8<-- [end:init]

# --8<-- [start:optimizer]
# 최적화 함수로 optim.SGD를 사용 (경사는 여전히 데이터 다섯 개 전체로 구한다)
import torch.optim as optim
optimizer = optim.SGD([W, B], lr=lr)
# --8<-- [end:optimizer]

# --8<-- [start:print-optimizer]
print(optimizer)
# --8<-- [end:print-optimizer]

# --8<-- [start:loop]
# 손실의 기록: 한 행이 [에포크, 손실]
history = np.zeros((0, 2))

for epoch in range(num_epochs):
    Yp = pred(X)  # 예측 계산
    loss = mse(Yp, Y)  # 손실 계산

    optimizer.zero_grad()  # 경사값 초기화
    loss.backward()  # 경사 계산
    optimizer.step()  # 파라미터 수정

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

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.title('학습 곡선 (옵티마이저 optim.SGD)')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:compare]
# 옵티마이저의 기록과 직접 수정한 기록을 비교
print(np.array_equal(history, history_manual))  # 50개의 손실이 모두 같은가
print(np.abs(history - history_manual).max())  # 가장 큰 차이
print(W.item() == W_manual, B.item() == B_manual)  # 마지막 W, B도 같은가
# --8<-- [end:compare]

# --8<-- [start:step-logic]
# 모멘텀이 없을 때 step()이 하는 일을 함수로 쓴 것
def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad  # W -= lr * W.grad, B -= lr * B.grad
# --8<-- [end:step-logic]

# --8<-- [start:step-check]
# 같은 출발점(1.0, 1.0)에서 한 걸음: optimizer.step()과 sgd_step()
Wa = torch.tensor(1.0, requires_grad=True)
Ba = torch.tensor(1.0, requires_grad=True)
Wb = torch.tensor(1.0, requires_grad=True)
Bb = torch.tensor(1.0, requires_grad=True)

optimizer_a = optim.SGD([Wa, Ba], lr=lr)
mse(Wa * X + Ba, Y).backward()
optimizer_a.step()  # 옵티마이저로 수정

mse(Wb * X + Bb, Y).backward()
sgd_step([Wb, Bb], lr)  # 직접 쓴 함수로 수정

print(Wa, Ba)
print(Wb, Bb)
print(torch.equal(Wa, Wb), torch.equal(Ba, Bb))
# --8<-- [end:step-check]

# --8<-- [start:solution-1]
# 본문과 같은 출발점: W = B = 1.0, 학습률 0.001, 새 옵티마이저
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001
optimizer = optim.SGD([W, B], lr=lr)

# optimizer.zero_grad() 줄이 없는 반복 계산 (흔들림이 잘 보이도록 손실을 에포크마다 기록)
losses_no_zero = []
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    loss.backward()  # 경사가 W.grad, B.grad에 계속 더해진다
    optimizer.step()

    losses_no_zero.append(loss.item())

# 에포크 100부터 가장 작은 손실과 가장 큰 손실, 그리고 마지막 손실
later = np.array(losses_no_zero[100:])
print(f'epoch >= 100: min = {later.min():.4f}  max = {later.max():.4f}')
print(f'epoch = 499 loss = {losses_no_zero[-1]:.4f}')
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
plt.plot(history[:, 0], history[:, 1], 'b', label='zero_grad() 있음')
plt.plot(losses_no_zero, 'r', lw=1, label='zero_grad() 없음')
plt.ylim(0, 18)
plt.xlabel('에포크')
plt.ylabel('손실')
plt.legend(loc='upper center', ncols=2)
plt.title('경사를 지우지 않을 때의 학습 곡선')
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
# W = B = 1.0에서 다시 출발하고, 학습률 0.01로 옵티마이저를 새로 만든다 (lr은 0.001 그대로 둔다)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
optimizer = optim.SGD([W, B], lr=0.01)

# 본문의 반복 계산과 같다 (출력 50줄 대신 history_01에 기록만 한다)
history_01 = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_01 = np.vstack((history_01, item))

print('W = ', W.data.numpy())
print('B = ', B.data.numpy())
print(f'lr = 0.001: epoch = 490 loss = {history[-1, 1]:.4f}')
print(f'lr = 0.01 : epoch = 490 loss = {history_01[-1, 1]:.4f}')
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# 본문과 같은 출발점: W = B = 1.0, 학습률 0.001 (옵티마이저는 쓰지 않는다)
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()
lr = 0.001

# optimizer.step() 대신 sgd_step()을 쓰고, optimizer.zero_grad() 대신 경사를 직접 지운다
history_sgd_step = np.zeros((0, 2))
for epoch in range(num_epochs):
    Yp = pred(X)
    loss = mse(Yp, Y)

    loss.backward()
    sgd_step([W, B], lr)  # 파라미터 수정
    W.grad.zero_()  # 경사값 초기화: 첫 backward() 전에는 W.grad가 None이라 수정 뒤에 지운다
    B.grad.zero_()

    if epoch % 10 == 0:
        item = np.array([epoch, loss.item()])
        history_sgd_step = np.vstack((history_sgd_step, item))

print(np.array_equal(history_sgd_step, history))  # 본문에서 옵티마이저로 얻은 기록과 같은가
print(W.item() == W_manual, B.item() == B_manual)
# --8<-- [end:solution-3]
