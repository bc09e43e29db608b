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

# --8<-- [start:curve]
plt.plot(history[:, 0], history[:, 1], 'b')
plt.xlabel('에포크')
plt.ylabel('손실')
plt.title('학습 곡선')
plt.show()
# --8<-- [end:curve]
