# Prime Count by trial division: right, but far too slow for n = 1e7.
# @EXPECTED_RESULTS@: TIMELIMIT
n = int(input())
count = 0
for k in range(2, n + 1):
    d = 2
    while d * d <= k:
        if k % d == 0:
            break
        d += 1
    else:
        count += 1
print(count)
