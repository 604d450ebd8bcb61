#!/usr/bin/env python3
"""Makes src/test/resources/pytorch-order/: layers written with PyTorch's tuples, and batched
inputs, computed by PyTorch itself (python3-torch), for PyTorchOrderTest.

Each case NAME has NAME.x.npy (the input, with its batch axis), NAME.w.npy, NAME.b.npy,
NAME.expected.npy (PyTorch's output) and a line in cases.tsv: NAME, the command (conv/conv3d),
the ConvKit options as PyTorch writes them (tuples), and the same in ImageJ's order.
Run: /usr/bin/python3 tools/make_pytorch_order_cases.py
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources', 'pytorch-order')
os.makedirs(here, exist_ok=True)
torch.manual_seed(7)
rows = []


def case(name, command, x, w, b, torch_kw, tuples, imagej, pad=None):
    xi = x
    if pad is not None:
        xi = F.pad(x, pad)
    conv = F.conv2d if command == 'conv' else F.conv3d
    y = conv(xi, w, b, **torch_kw)
    for key, a in (('x', x), ('w', w), ('b', b), ('expected', y)):
        np.save(os.path.join(here, name + '.' + key + '.npy'), a.detach().numpy().astype(np.float32))
    rows.append('\t'.join([name, command, tuples, imagej]))


# nn.Conv2d(3, 4, 3, stride=(2, 1), padding=(1, 2), dilation=(1, 2)) on a batch of 2
case('tuples2d', 'conv', torch.randn(2, 3, 17, 13), torch.randn(4, 3, 3, 3), torch.randn(4),
     dict(stride=(2, 1), padding=(1, 2), dilation=(1, 2)),
     'stride=(2, 1)|padding=(1, 2)|dilation=(1, 2)', 'stride=1,2|padding=2,1|dilation=2,1')
# F.pad's four values, then a 5x3 kernel, groups 2, a batch of 3
case('fpad2d', 'conv', torch.randn(3, 4, 9, 11), torch.randn(6, 2, 5, 3), torch.randn(6),
     dict(stride=(1, 2), groups=2),
     'padding=(1, 0, 2, 3)|stride=(1, 2)|groups=2', 'padding=1,0,2,3|stride=2,1|groups=2', pad=(1, 0, 2, 3))
# one sample with its batch axis
case('single2d', 'conv', torch.randn(1, 2, 8, 7), torch.randn(3, 2, 3, 3), torch.randn(3),
     dict(stride=(2,), padding=(1,)), 'stride=(2,)|padding=(1,)', 'stride=2|padding=1')
# nn.Conv3d(2, 3, 3, stride=(2, 1, 3), padding=(1, 2, 0), dilation=(1, 2, 1)) on a batch of 2
case('tuples3d', 'conv3d', torch.randn(2, 2, 7, 9, 10), torch.randn(3, 2, 3, 3, 3), torch.randn(3),
     dict(stride=(2, 1, 3), padding=(1, 2, 0), dilation=(1, 2, 1)),
     'stride=(2, 1, 3)|padding=(1, 2, 0)|dilation=(1, 2, 1)', 'stride=3,1,2|padding=0,2,1|dilation=1,2,1')
# F.pad's six values on a volume
case('fpad3d', 'conv3d', torch.randn(1, 1, 5, 6, 7), torch.randn(2, 1, 2, 3, 3), torch.randn(2),
     dict(), 'padding=(2, 1, 0, 1, 1, 0)', 'padding=2,1,0,1,1,0', pad=(2, 1, 0, 1, 1, 0))

with open(os.path.join(here, 'cases.tsv'), 'w') as f:
    f.write('# name\tcommand\toptions as PyTorch writes them (| between)\tthe same in ImageJ order\n')
    f.write('\n'.join(rows) + '\n')
print('wrote', len(rows), 'cases to', here)
