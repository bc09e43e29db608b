# 3.2 데이터 준비와 전처리: 다섯 명의 신장과 체중

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:data]
# 샘플 데이터: 한 행이 한 사람의 [신장(cm), 체중(kg)]
sampleData1 = np.array([
    [166, 58.7],
    [176.0, 75.7],
    [171.0, 62.1],
    [173.0, 70.4],
    [169.0, 60.1]
])
# --8<-- [end:data]

# --8<-- [start:print-data]
print(sampleData1)
# --8<-- [end:print-data]

# --8<-- [start:split]
# 신장을 입력 데이터 x로, 체중을 정답 데이터 y로 나눈다
x = sampleData1[:, 0]  # 신장
y = sampleData1[:, 1]  # 체중
# --8<-- [end:split]

# --8<-- [start:scatter]
plt.scatter(x, y, c='k', s=50)
plt.xlabel('x: 신장 (cm)')
plt.ylabel('y: 체중 (kg)')
plt.title('신장과 체중')
plt.show()
# --8<-- [end:scatter]

# --8<-- [start:means]
# 신장의 평균과 체중의 평균
print(x.mean())
print(y.mean())
# --8<-- [end:means]

# --8<-- [start:centre]
# 평균을 빼서 평균이 0이 되도록 평행이동
X = x - x.mean()
Y = y - y.mean()
# --8<-- [end:centre]

# --8<-- [start:centred-scatter]
plt.scatter(X, Y, c='k', s=50)
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('평행이동한 신장과 체중')
plt.show()
# --8<-- [end:centred-scatter]
