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

# --8<-- [start:curvature]
# 손실의 W² 항의 계수 mean(X**2)와, 그 2배인 W 방향의 곡률
print('X**2의 평균:', (X**2).mean())
print('W 방향의 곡률:', 2 * (X**2).mean())
# --8<-- [end:curvature]

# --8<-- [start:centred-scatter]
plt.scatter(X, Y, c='k', s=50)
plt.xlabel('X: 신장 - 평균 (cm)')
plt.ylabel('Y: 체중 - 평균 (kg)')
plt.title('평행이동한 신장과 체중')
plt.show()
# --8<-- [end:centred-scatter]

# --8<-- [start:solution-1]
# 빨간 점선이 지나는 두 점 (166, 60), (176, 75)로 신장마다 직선의 값을 구한다
slope = (75 - 60) / (176 - 166)
line = 60 + slope * (x - 166)
gap = y - line  # 실제 체중 - 직선의 값
print(gap.round(1))
print(gap.mean().round(1))  # 차이의 평균
print((gap**2).mean().round(3))  # 차이를 제곱한 값의 평균

# 직선을 차이의 평균만큼 옮긴 뒤의 차이
gap2 = gap - gap.mean()
print(gap2.round(1))
print((gap2**2).mean().round(3))
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
plt.scatter(x, y, c='k', s=50)
plt.plot([166, 176], [60, 75], 'r:', label='처음 직선')
plt.plot([166, 176], [60 + gap.mean(), 75 + gap.mean()], 'b--', label='옮긴 직선')
plt.plot(x.mean(), y.mean(), 'b+', markersize=12)  # 두 평균이 만나는 점
plt.xlabel('x: 신장 (cm)')
plt.ylabel('y: 체중 (kg)')
plt.title('직선 옮겨 보기')
plt.legend()
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
print(X.mean())
print(Y.mean())
print(f'{58.7:.20f}')  # 컴퓨터에 실제로 저장된 58.7을 소수점 아래 20자리까지
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# 여섯 번째 사람을 더한 새 배열 (sampleData1은 그대로 둔다)
sampleData2 = np.vstack([sampleData1, [180.0, 78.0]])
print(sampleData2[:, 0].mean())
print(sampleData2[:, 1].mean())
# 평균이 움직인 양
print(round(sampleData2[:, 0].mean() - x.mean(), 4), round(sampleData2[:, 1].mean() - y.mean(), 4))
# --8<-- [end:solution-3]
