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

# --8<-- [start:centred-scatter]
plt.scatter(X, Y, c='k', s=50)
plt.xlabel('X: height - mean (cm)')
plt.ylabel('Y: weight - mean (kg)')
plt.title('Height vs Weight, centred')
plt.show()
# --8<-- [end:centred-scatter]
