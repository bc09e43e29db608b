# 3.4 손실 계산: 평균제곱오차

# --8<-- [start:mse]
# 손실 함수: 평균제곱오차(MSE)
def mse(Yp, Y):
    loss = ((Yp - Y) ** 2).mean()
    return loss
# --8<-- [end:mse]

# --8<-- [start:loss]
# 손실 계산
loss = mse(Yp, Y)
print(loss)
# --8<-- [end:loss]

# --8<-- [start:graph]
# 손실의 계산 그래프
params = {'W': W, 'B': B}
g = make_dot(loss, params=params)
display(g)
# --8<-- [end:graph]
