using JwtAnalyzers.Sample.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
JwtAnalyzers.Sample.Rules.AuthenticationSetup.Configure(builder.Services, builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
