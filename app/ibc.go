package app

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/cosmos/ibc-go/v11/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	transferv2 "github.com/cosmos/ibc-go/v11/modules/apps/transfer/v2"
	ibc "github.com/cosmos/ibc-go/v11/modules/core"
	porttypes "github.com/cosmos/ibc-go/v11/modules/core/05-port/types"
	ibcapi "github.com/cosmos/ibc-go/v11/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
	ibctypes "github.com/cosmos/ibc-go/v11/modules/core/types"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"
)

// ibcStoreKeys are the stores of IBC core and ICS-20 transfer.
var ibcStoreKeys = []string{ibcexported.StoreKey, ibctransfertypes.StoreKey}

// wireIBC builds IBC core with the 07-tendermint light client and ICS-20
// transfer on both IBC v1 channels (port "transfer") and IBC v2 (Eureka)
// clients, the way ibc-go's testing/simapp does, without the middleware and
// apps poold does not run (ICA, GMP, packet forwarding, rate limits,
// solo machine and attestation clients). It returns the modules to add to
// the module manager.
func (app *App) wireIBC(appCodec codec.Codec, keys map[string]*storetypes.KVStoreKey, authority string) []module.AppModule {
	app.IBCKeeper = ibckeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[ibcexported.StoreKey]), app.UpgradeKeeper, authority)

	app.TransferKeeper = ibctransferkeeper.NewKeeper(appCodec, app.AccountKeeper.AddressCodec(),
		runtime.NewKVStoreService(keys[ibctransfertypes.StoreKey]), app.IBCKeeper.ChannelKeeper,
		app.MsgServiceRouter(), app.AccountKeeper, app.BankKeeper, authority)

	// IBC v1: the transfer app on its port, its refunds marked (ibc_refunds.go).
	router := porttypes.NewRouter()
	router.AddRoute(ibctransfertypes.ModuleName, refundingTransfer{transfer.NewIBCModule(app.TransferKeeper)})
	app.IBCKeeper.SetRouter(router)

	// IBC v2: the same keeper behind the v2 transfer module.
	routerV2 := ibcapi.NewRouter()
	routerV2.AddRoute(ibctransfertypes.PortID, refundingTransferV2{transferv2.NewIBCModule(app.TransferKeeper)})
	app.IBCKeeper.SetRouterV2(routerV2)

	clientKeeper := app.IBCKeeper.ClientKeeper
	tmLightClient := ibctm.NewLightClientModule(appCodec, clientKeeper.GetStoreProvider())
	clientKeeper.AddRoute(ibctm.ModuleName, &tmLightClient)

	return []module.AppModule{
		ibc.NewAppModule(app.IBCKeeper),
		transfer.NewAppModule(app.TransferKeeper),
		ibctm.NewAppModule(tmLightClient),
	}
}

// ibcBasic is IBC core's basics with poold's default genesis: only
// 07-tendermint clients allowed. ibc-go's default allows every type, which
// includes the built-in 09-localhost: channels from poold to itself, over
// which anyone could mint new voucher denoms without running a chain.
type ibcBasic struct{ ibc.AppModuleBasic }

// DefaultGenesis is ibc-go's default with allowed_clients ["07-tendermint"].
func (ibcBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gs := ibctypes.DefaultGenesisState()
	gs.ClientGenesis.Params.AllowedClients = []string{ibcexported.Tendermint}
	return cdc.MustMarshalJSON(gs)
}

// GetBaseApp returns the base app (ibc-go's testing package drives it).
func (app *App) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// GetIBCKeeper returns the IBC core keeper (ibc-go's testing package).
func (app *App) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }

// GetTxConfig returns the tx config (ibc-go's testing package).
func (app *App) GetTxConfig() client.TxConfig { return app.txConfig }
