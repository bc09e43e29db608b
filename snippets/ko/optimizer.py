# 3.9 최적화 함수: optim.SGD가 파라미터 수정을 대신한다

# --8<-- [start:keep]
# 앞 페이지에서 직접 수정하며 얻은 결과를 비교용으로 보관
history_manual = history.copy()
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
# 최적화 함수로 SGD(확률적 경사 하강법)를 사용
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
plt.title('학습 곡선 (최적화 함수 SGD)')
plt.show()
# --8<-- [end:curve]

# --8<-- [start:compare]
# 최적화 함수의 기록과 직접 수정한 기록을 비교
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
optimizer_a.step()  # 최적화 함수로 수정

mse(Wb * X + Bb, Y).backward()
sgd_step([Wb, Bb], lr)  # 직접 쓴 함수로 수정

print(Wa, Ba)
print(Wb, Bb)
print(torch.equal(Wa, Wb), torch.equal(Ba, Bb))
# --8<-- [end:step-check]
