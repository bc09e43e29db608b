# 3.10 모멘텀: 이전 이동 방향을 기억해 학습을 빠르게 한다

# --8<-- [start:init]
# 초기화: W와 B를 초깃값 1.0으로 되돌린다
W = torch.tensor(1.0, requires_grad=True).float()
B = torch.tensor(1.0, requires_grad=True).float()

num_epochs = 500  # 반복 횟수
lr = 0.001  # 학습률
# --8<-- [end:init]

# --8<-- [start:optimizer]
# 최적화 함수: SGD에 모멘텀 0.9를 더한다
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
print(f'SGD            : epoch = {history[-1, 0]:.0f} loss = {target:.4f}')
print(f'SGD + momentum : epoch = {reached[0, 0]:.0f} loss = {reached[0, 1]:.4f}')
# --8<-- [end:faster]

# --8<-- [start:momentum-logic]
# 모멘텀이 있을 때 step()이 하는 일을 함수로 쓴 것
def momentum_step(params, velocities, lr, momentum):
    with torch.no_grad():
        for p, v in zip(params, velocities):
            v.mul_(momentum).add_(p.grad)  # v ← momentum * v + 경사
            p.add_(v, alpha=-lr)  # p ← p - lr * v
# --8<-- [end:momentum-logic]

# --8<-- [start:momentum-check]
# momentum_step()으로 500 에포크를 다시 학습해 최적화 함수의 결과와 비교
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
