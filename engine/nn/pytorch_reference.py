# Generates pytorch_reference.json (the nn/optim tests' expected values) with PyTorch 1.13:
#   python3 engine/nn/pytorch_reference.py > engine/nn/pytorch_reference.json
import torch, json
import torch.nn as nn, torch.nn.functional as F
out={}
torch.manual_seed(0)
l=nn.Linear(3,2)
out['linear_w']=l.weight.detach().flatten().tolist(); out['linear_b']=l.bias.detach().tolist()
out['linear_repr_w']=repr(l.weight)
l64=nn.Linear(2,3,dtype=torch.float64); out['linear64_w']=l64.weight.detach().flatten().tolist(); out['linear64_b']=l64.bias.detach().tolist()
l2=nn.Linear(4,3,bias=False); out['linear_nobias_w']=l2.weight.detach().flatten().tolist()
X=torch.tensor([[0.5,-1.0,2.0],[1.5,0.25,-0.75],[-0.3,0.8,0.1],[1.0,1.0,1.0]])
Y=torch.tensor([[1.0,0.0],[0.0,1.0],[0.5,0.5],[-1.0,2.0]])
C=torch.tensor([1,0,1,0])
def run(opt_fn, loss_fn, target, act):
    torch.manual_seed(1)
    model=nn.Sequential(nn.Linear(3,4), act(), nn.Linear(4,2))
    opt=opt_fn(model.parameters())
    steps=[]
    for i in range(3):
        opt.zero_grad()
        loss=loss_fn(model(X), target)
        loss.backward()
        opt.step()
        steps.append(dict(loss=loss.item(), params={n: p.detach().flatten().tolist() for n,p in model.named_parameters()}))
    return steps
out['sgd_momentum']=run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), nn.MSELoss(), Y, nn.Tanh)
out['sgd_nesterov_wd']=run(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.01), nn.MSELoss(reduction='sum'), Y, nn.Sigmoid)
out['sgd_dampening']=run(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5, dampening=0.3, maximize=True), nn.MSELoss(), Y, nn.ReLU)
out['adam']=run(lambda p: torch.optim.Adam(p, lr=0.01), nn.CrossEntropyLoss(), C, nn.ReLU)
out['adam_amsgrad_wd']=run(lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.8,0.99), weight_decay=0.1, amsgrad=True), nn.MSELoss(), Y, nn.Tanh)
# losses
x=torch.tensor([[1.,2.,3.],[0.5,-1.,2.]],requires_grad=True)
def lossinfo(f):
    x.grad=None
    r=f(); g=torch.ones_like(r); r.backward(g)
    return dict(value=r.detach().flatten().tolist(), shape=list(r.shape), grad=x.grad.flatten().tolist())
y=torch.tensor([[0.,1.,2.],[1.,1.,1.]]); t=torch.tensor([2,0]); P=torch.tensor([[0.2,0.3,0.5],[1.,0.,0.]]); W=torch.tensor([1.,2.,3.])
out['losses']={
 'mse_mean': lossinfo(lambda: F.mse_loss(x,y)), 'mse_sum': lossinfo(lambda: F.mse_loss(x,y,reduction='sum')), 'mse_none': lossinfo(lambda: F.mse_loss(x,y,reduction='none')),
 'ce_mean': lossinfo(lambda: F.cross_entropy(x,t)), 'ce_sum': lossinfo(lambda: F.cross_entropy(x,t,reduction='sum')), 'ce_none': lossinfo(lambda: F.cross_entropy(x,t,reduction='none')),
 'ce_weight': lossinfo(lambda: F.cross_entropy(x,t,weight=W)), 'ce_weight_none': lossinfo(lambda: F.cross_entropy(x,t,weight=W,reduction='none')),
 'ce_ignore': lossinfo(lambda: F.cross_entropy(x,torch.tensor([-100,0]))), 'ce_ignore1': lossinfo(lambda: F.cross_entropy(x,torch.tensor([2,1]),ignore_index=1)),
 'ce_prob': lossinfo(lambda: F.cross_entropy(x,P)), 'ce_prob_sum': lossinfo(lambda: F.cross_entropy(x,P,reduction='sum')), 'ce_prob_none': lossinfo(lambda: F.cross_entropy(x,P,reduction='none')), 'ce_prob_weight': lossinfo(lambda: F.cross_entropy(x,P,weight=W)),
 'ce_1d': lossinfo(lambda: F.cross_entropy(x[1],torch.tensor(2))), 'ce_1d_none': lossinfo(lambda: F.cross_entropy(x[1],torch.tensor(2), reduction='none')),
 'nll': lossinfo(lambda: F.nll_loss(x,t)), 'nll_weight_sum': lossinfo(lambda: F.nll_loss(x,t,weight=W,reduction='sum')),
}
z=torch.arange(24.).reshape(2,3,4).sin().requires_grad_(); zt=torch.tensor([[0,1,2,0],[1,1,-100,2]])
for red in ['mean','sum','none']:
    z.grad=None; r=F.cross_entropy(z,zt,reduction=red); r.backward(torch.ones_like(r))
    out['ce3d_'+red]=dict(value=r.detach().flatten().tolist(), shape=list(r.shape), grad=z.grad.flatten().tolist())
z4=torch.arange(24.).reshape(2,3,2,2).cos().requires_grad_(); z4t=torch.tensor([[[0,1],[2,0]],[[1,1],[0,2]]])
r=F.cross_entropy(z4,z4t); r.backward(); out['ce4d']=dict(value=r.item(), grad=z4.grad.flatten().tolist(), name=r.grad_fn.name())
print(json.dumps(out))
