# 3.2 Data and preprocessing: the heights and weights of five people

# --8<-- [start:imports]
import numpy as np
import matplotlib.pyplot as plt
# --8<-- [end:imports]

# --8<-- [start:data]
# sample data: one row per person, [height (cm), weight (kg)]
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
# height becomes the input data x, weight the target data y
x = sampleData1[:, 0]  # height
y = sampleData1[:, 1]  # weight
# --8<-- [end:split]

# --8<-- [start:scatter]
plt.scatter(x, y, c='k', s=50)
plt.xlabel('x: Height (cm)')
plt.ylabel('y: Weight (kg)')
plt.title('Height vs Weight')
plt.show()
# --8<-- [end:scatter]

# --8<-- [start:means]
# the mean height and the mean weight
print(x.mean())
print(y.mean())
# --8<-- [end:means]

# --8<-- [start:centre]
# subtract the means so that both means become 0
X = x - x.mean()
Y = y - y.mean()
# --8<-- [end:centre]

# --8<-- [start:curvature]
# the coefficient mean(X**2) of the W² term of the loss, and twice that, the curvature along W
print('mean of X**2:', (X**2).mean())
print('curvature along W:', 2 * (X**2).mean())
# --8<-- [end:curvature]

# --8<-- [start:centred-scatter]
plt.scatter(X, Y, c='k', s=50)
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('Height vs Weight, centred')
plt.show()
# --8<-- [end:centred-scatter]

# --8<-- [start:solution-1]
# the value of the line through (166, 60) and (176, 75), the red dotted line
slope = (75 - 60) / (176 - 166)
line = 60 + slope * (x - 166)
gap = y - line  # actual weight - value of the line
print(gap.round(1))
print(gap.mean().round(1))  # the mean gap
print((gap**2).mean().round(3))  # the mean of the squared gaps

# the gaps once the line is moved by the mean gap
gap2 = gap - gap.mean()
print(gap2.round(1))
print((gap2**2).mean().round(3))
# --8<-- [end:solution-1]

# --8<-- [start:solution-1-plot]
plt.scatter(x, y, c='k', s=50)
plt.plot([166, 176], [60, 75], 'r:', label='first line')
plt.plot([166, 176], [60 + gap.mean(), 75 + gap.mean()], 'b--', label='moved line')
plt.plot(x.mean(), y.mean(), 'b+', markersize=12)  # where the two means meet
plt.xlabel('x: Height (cm)')
plt.ylabel('y: Weight (kg)')
plt.title('Moving the line')
plt.legend()
plt.show()
# --8<-- [end:solution-1-plot]

# --8<-- [start:solution-2]
print(X.mean())
print(Y.mean())
print(f'{58.7:.20f}')  # the 58.7 the computer actually stores, to 20 decimal places
# --8<-- [end:solution-2]

# --8<-- [start:solution-3]
# a new array with a sixth person added (sampleData1 stays as it is)
sampleData2 = np.vstack([sampleData1, [180.0, 78.0]])
print(sampleData2[:, 0].mean())
print(sampleData2[:, 1].mean())
# how far each mean moved
print(round(sampleData2[:, 0].mean() - x.mean(), 4), round(sampleData2[:, 1].mean() - y.mean(), 4))
# --8<-- [end:solution-3]
